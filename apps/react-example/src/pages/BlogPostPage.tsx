import { Link, useParams } from 'react-router';
import { posts } from '../data';

export function BlogPostPage() {
  const { category, slug } = useParams();
  const post = posts.find((p) => p.slug === slug && p.category === category);
  if (!post) {
    return (
      <>
        <title>Post not found · Ninetailed React example</title>
        <h1>Post not found</h1>
      </>
    );
  }
  return (
    <article>
      <title>{`${post.title} · Ninetailed React example`}</title>
      <h1>{post.title}</h1>
      <p>
        In <Link to={`/blog/${post.category}`}>{post.category}</Link>
      </p>
      <p>{post.body}</p>
    </article>
  );
}
