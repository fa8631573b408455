import Link from 'next/link';
import { Cta } from '../components/Cta';
import { Hero } from '../components/Hero';

export default function Home() {
  return (
    <>
      <h1>Ninetailed Next example</h1>
      <Hero />
      <Cta />
      <p>
        Every navigation sends one page event to the local Experience API; the profile inspector on the right
        shows what it made of them. Read three <Link href="/blog?category=news">news posts</Link> to join the{' '}
        <code>news-readers</code> audience.
      </p>
    </>
  );
}
