import { PageProperties } from '@ninetailed/experience.js-next';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getPost, POSTS } from '../../../lib/posts';

type Props = { params: Promise<{ slug: string }> };

export function generateStaticParams() {
  return POSTS.map((post) => ({ slug: post.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getPost((await params).slug)?.title ?? 'Not found' };
}

// A server component. <PageProperties> (a client component) puts the post's category into THE
// page event of this navigation: the provider waits for the page to render before sending it.
export default async function BlogPost({ params }: Props) {
  const post = getPost((await params).slug);
  if (!post) notFound();
  return (
    <article>
      <PageProperties properties={{ category: post.category }} />
      <h1>{post.title}</h1>
      <p>
        Category: {post.category} · <a href="#comments">Jump to comments</a> (a hash change: no page event)
      </p>
      <p>{post.body}</p>
      <h2 id="comments">Comments</h2>
      <p>
        No comments yet. <Link href="/blog">Back to the blog</Link>
      </p>
    </article>
  );
}
