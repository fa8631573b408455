import { usePageProperties } from '@ninetailed/experience.js-next';
import type { GetStaticPaths, GetStaticProps } from 'next';
import Head from 'next/head';
import Link from 'next/link';
import { useRouter } from 'next/router';
import { AddToCart } from '../../components/AddToCart';
import { getProduct, PRODUCTS, type Product } from '../../lib/catalogue';

export const getStaticPaths: GetStaticPaths = () => ({
  paths: PRODUCTS.map((product) => ({ params: { id: product.id } })),
  fallback: false,
});

export const getStaticProps: GetStaticProps<{ product: Product }> = ({ params }) => {
  const product = getProduct(String(params?.id));
  return product ? { props: { product } } : { notFound: true };
};

export default function ProductPage({ product }: { product: Product }) {
  // The product's category goes into THE page event of this page (a client hook, Pages Router).
  usePageProperties({ category: product.category });
  const { query } = useRouter();
  const tab = query.tab === 'specs' ? 'specs' : 'overview';
  return (
    <>
      <Head>
        <title>{`${product.name} · Ninetailed Next example`}</title>
      </Head>
      <h1>{product.name}</h1>
      <p>
        <Link href={`/legacy/${product.id}`}>Overview</Link> ·{' '}
        <Link href={`/legacy/${product.id}?tab=specs`}>Specs</Link> (a query change: a page event)
      </p>
      <p data-testid="tab">
        {tab === 'specs' ? `SKU ${product.sku}, ${product.price} €` : 'A fine product.'}
      </p>
      <AddToCart product={product} />
    </>
  );
}
