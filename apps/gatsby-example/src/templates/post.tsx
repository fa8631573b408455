import { type HeadFC, Link, type PageProps } from 'gatsby';
import { Layout } from '../components/Layout';
import { categoryName, categoryPath, nextInCategory, type Post, postPath, posts } from '../data/posts';
import { pageTitle } from '../siteTitle';

interface PostContext {
  slug: string;
  category: Post['category'];
}

const postFor = (slug: string): Post => {
  const post = posts.find((p) => p.slug === slug);
  if (!post) throw new Error(`No post "${slug}"`);
  return post;
};

export default function PostPage({ pageContext }: PageProps<object, PostContext>) {
  const post = postFor(pageContext.slug);
  const next = nextInCategory(post);
  return (
    <Layout>
      <article>
        <h1>{post.title}</h1>
        <p>
          <Link className="category" to={categoryPath(post.category)}>
            {categoryName(post.category)}
          </Link>
        </p>
        <p>{post.body}</p>
      </article>
      {next ? (
        <p>
          Next in {categoryName(post.category)}: <Link to={postPath(next)}>{next.title}</Link>
        </p>
      ) : null}
    </Layout>
  );
}

export const Head: HeadFC<object, PostContext> = ({ pageContext }) => (
  <title>{pageTitle(postFor(pageContext.slug).title)}</title>
);
