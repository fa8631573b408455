/** A blog post of the example (the data a CMS would hold). */
export interface Post {
  slug: string;
  title: string;
  category: 'news' | 'tech';
  body: string;
}

export const POSTS: Post[] = [
  {
    slug: 'hello-news',
    title: 'Hello, news',
    category: 'news',
    body: 'The first news post of the demo blog.',
  },
  { slug: 'market-news', title: 'Market news', category: 'news', body: 'Markets went up, then down.' },
  { slug: 'sports-news', title: 'Sports news', category: 'news', body: 'The home team won on Sunday.' },
  { slug: 'typescript-tips', title: 'TypeScript tips', category: 'tech', body: 'Turn on strict mode.' },
];

export const CATEGORIES = ['news', 'tech'] as const;

export function getPost(slug: string): Post | undefined {
  return POSTS.find((post) => post.slug === slug);
}
