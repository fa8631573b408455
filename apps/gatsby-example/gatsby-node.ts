import path from 'node:path';
import type { GatsbyNode } from 'gatsby';
import { categories, categoryPath, postPath, posts } from './src/data/posts';

// The posts live in src/data (no GraphQL source, no image processing). Each post page gets
// its category in the page context; the plugin's `pageContextProperties: ['category']`
// copies it into that page's page events.
export const createPages: GatsbyNode['createPages'] = ({ actions }) => {
  for (const post of posts) {
    actions.createPage({
      path: postPath(post),
      component: path.resolve('src/templates/post.tsx'),
      context: { slug: post.slug, category: post.category },
    });
  }
  // Category listings are not posts: their context key is `categoryId`, so visiting one
  // does not count as reading that category.
  for (const category of categories) {
    actions.createPage({
      path: categoryPath(category.id),
      component: path.resolve('src/templates/category.tsx'),
      context: { categoryId: category.id },
    });
  }
};
