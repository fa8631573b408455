import Head from 'next/head';
import Link from 'next/link';
import { Cta } from '../../components/Cta';
import { Hero } from '../../components/Hero';
import { PRODUCTS } from '../../lib/catalogue';

export default function Catalogue() {
  return (
    <>
      <Head>
        <title>Legacy catalogue · Ninetailed Next example</title>
      </Head>
      <h1>Legacy catalogue (Pages Router)</h1>
      <Hero />
      <Cta />
      <ul>
        {PRODUCTS.map((product) => (
          <li key={product.id}>
            <Link href={`/legacy/${product.id}`}>{product.name}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
