import { Link } from 'gatsby';
import { categoryName, type Post, postPath } from '../data/posts';

export function PostList({ posts }: { posts: Post[] }) {
  return (
    <ul>
      {posts.map((post) => (
        <li key={post.slug}>
          <Link to={postPath(post)}>{post.title}</Link>{' '}
          <span className="category">{categoryName(post.category)}</span>
          <br />
          {post.summary}
        </li>
      ))}
    </ul>
  );
}
