import type { HeadFC, PageProps } from 'gatsby';
import { Layout } from '../components/Layout';
import { PostList } from '../components/PostList';
import { type Category, categoryName, posts } from '../data/posts';
import { pageTitle } from '../siteTitle';

interface CategoryContext {
  categoryId: Category['id'];
}

export default function CategoryPage({ pageContext }: PageProps<object, CategoryContext>) {
  return (
    <Layout>
      <h1>{categoryName(pageContext.categoryId)}</h1>
      <PostList posts={posts.filter((post) => post.category === pageContext.categoryId)} />
    </Layout>
  );
}

export const Head: HeadFC<object, CategoryContext> = ({ pageContext }) => (
  <title>{pageTitle(categoryName(pageContext.categoryId))}</title>
);
