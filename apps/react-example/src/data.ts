/** A blog post; `category` is what the page event carries (`page({ category })`). */
export interface Post {
  slug: string;
  category: 'news' | 'tips';
  title: string;
  body: string;
}

export const posts: Post[] = [
  {
    slug: 'ai-act-passes',
    category: 'news',
    title: 'EU passes the AI Act',
    body: 'Lawmakers agreed on the final text.',
  },
  {
    slug: 'rates-hold',
    category: 'news',
    title: 'Central bank holds rates',
    body: 'No change this quarter.',
  },
  {
    slug: 'new-stadium',
    category: 'news',
    title: 'City approves new stadium',
    body: 'Building starts in spring.',
  },
  {
    slug: 'sourdough',
    category: 'tips',
    title: 'Sourdough in five steps',
    body: 'Patience is the main ingredient.',
  },
  {
    slug: 'deep-work',
    category: 'tips',
    title: 'Deep work for busy people',
    body: 'Block two hours, close the chat.',
  },
];

export const categories = ['news', 'tips'] as const;

export interface Product {
  sku: string;
  name: string;
  price: number;
}

export const products: Product[] = [
  { sku: 'trail-shoes', name: 'Trail running shoes', price: 129 },
  { sku: 'rain-jacket', name: 'Rain jacket', price: 89 },
];
