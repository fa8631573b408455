import type { HeadFC } from 'gatsby';
import { Cta } from '../components/Cta';
import { Hero } from '../components/Hero';
import { Layout } from '../components/Layout';
import { PostList } from '../components/PostList';
import { posts } from '../data/posts';
import { pageTitle } from '../siteTitle';

export default function HomePage() {
  return (
    <Layout>
      <Hero />
      <Cta />
      <h1>Latest posts</h1>
      <p>
        Read three news posts and watch the inspector: you join the news-readers audience, and the hero above
        changes.
      </p>
      <PostList posts={posts} />
    </Layout>
  );
}

export const Head: HeadFC = () => <title>{pageTitle('Home')}</title>;
