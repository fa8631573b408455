import { Link, useParams } from 'react-router';
import { posts } from '../data';

export function BlogCategoryPage() {
  const { category } = useParams();
  const inCategory = posts.filter((post) => post.category === category);
  return (
    <>
      <title>{`Blog: ${category} · Ninetailed React example`}</title>
      <h1>Blog: {category}</h1>
      {inCategory.length === 0 ? <p>No posts in this category.</p> : null}
      <ul>
        {inCategory.map((post) => (
          <li key={post.slug}>
            <Link to={`/blog/${post.category}/${post.slug}`}>{post.title}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
