import type { Metadata } from 'next';
import Link from 'next/link';
import { CATEGORIES, POSTS } from '../../lib/posts';

type Props = { searchParams: Promise<{ category?: string }> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { category } = await searchParams;
  return { title: category ? `Blog: ${category}` : 'Blog' };
}

// The category filter is a query-only change (/blog → /blog?category=news): a navigation too.
export default async function Blog({ searchParams }: Props) {
  const { category } = await searchParams;
  const posts = POSTS.filter((post) => !category || post.category === category);
  return (
    <>
      <h1>{category ? `Blog: ${category}` : 'Blog'}</h1>
      <p>
        Filter: <Link href="/blog">all</Link>
        {CATEGORIES.map((name) => (
          <span key={name}>
            {' · '}
            <Link href={`/blog?category=${name}`}>{name}</Link>
          </span>
        ))}
      </p>
      <ul>
        {posts.map((post) => (
          <li key={post.slug}>
            <Link href={`/blog/${post.slug}`}>{post.title}</Link> ({post.category})
          </li>
        ))}
      </ul>
    </>
  );
}
