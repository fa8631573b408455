import { Link } from 'react-router';
import { categories, posts } from '../data';

export function BlogPage() {
  return (
    <>
      <title>Blog · Ninetailed React example</title>
      <h1>Blog</h1>
      <p>
        Categories:{' '}
        {categories.map((category) => (
          <Link key={category} to={`/blog/${category}`} className="tag">
            {category}
          </Link>
        ))}
      </p>
      <ul>
        {posts.map((post) => (
          <li key={post.slug}>
            <Link to={`/blog/${post.category}/${post.slug}`}>{post.title}</Link>{' '}
            <small>({post.category})</small>
          </li>
        ))}
      </ul>
    </>
  );
}
