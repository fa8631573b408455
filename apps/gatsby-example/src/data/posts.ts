/** A blog category: its id travels as the `category` property of a post's page events. */
export interface Category {
  id: 'news' | 'tech' | 'life';
  name: string;
}

export interface Post {
  slug: string;
  title: string;
  category: Category['id'];
  summary: string;
  body: string;
}

export const categories: Category[] = [
  { id: 'news', name: 'News' },
  { id: 'tech', name: 'Tech' },
  { id: 'life', name: 'Life' },
];

export const posts: Post[] = [
  {
    slug: 'ai-act-passes',
    title: 'EU passes the AI Act',
    category: 'news',
    summary: 'Parliament votes the first broad AI law.',
    body: 'The European Parliament adopted the AI Act today, the first broad law on artificial intelligence.',
  },
  {
    slug: 'rates-hold',
    title: 'Central bank holds rates',
    category: 'news',
    summary: 'No change this quarter, again.',
    body: 'The central bank kept its main rate unchanged for the third meeting in a row.',
  },
  {
    slug: 'new-stadium',
    title: 'City approves new stadium',
    category: 'news',
    summary: 'Construction starts next spring.',
    body: 'The city council approved the plans for a 40,000-seat stadium by the river.',
  },
  {
    slug: 'storm-warning',
    title: 'Storm warning for the coast',
    category: 'news',
    summary: 'Strong winds expected tonight.',
    body: 'The weather service issued a storm warning for the whole coast from 8 pm.',
  },
  {
    slug: 'edge-functions',
    title: 'Personalization at the edge',
    category: 'tech',
    summary: 'Render the right variant before the first byte.',
    body: 'Edge functions can ask the Experience API for a profile and render the matching variant.',
  },
  {
    slug: 'static-sites',
    title: 'Why static sites still win',
    category: 'tech',
    summary: 'Fast, cheap, and now personal too.',
    body: 'A static site plus a client-side profile gives speed and personalization together.',
  },
  {
    slug: 'slow-mornings',
    title: 'The case for slow mornings',
    category: 'life',
    summary: 'Less rush, more coffee.',
    body: 'Starting the day without a screen for thirty minutes changes more than you think.',
  },
];

export const categoryName = (id: Category['id']): string => categories.find((c) => c.id === id)?.name ?? id;

/** The next post of the same category (wrapping around), for "Next in News" links. */
export function nextInCategory(post: Post): Post | undefined {
  const same = posts.filter((p) => p.category === post.category);
  const next = same[(same.indexOf(post) + 1) % same.length];
  return next === post ? undefined : next;
}

export const postPath = (post: Post): string => `/blog/${post.slug}/`;
export const categoryPath = (id: Category['id']): string => `/category/${id}/`;
