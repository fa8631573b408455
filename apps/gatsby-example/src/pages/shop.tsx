import { useNinetailed } from '@ninetailed/experience.js-gatsby';
import type { HeadFC } from 'gatsby';
import { useState } from 'react';
import { Cta } from '../components/Cta';
import { Layout } from '../components/Layout';
import { products } from '../data/products';
import { pageTitle } from '../siteTitle';

export default function ShopPage() {
  const { track } = useNinetailed();
  const [added, setAdded] = useState<string[]>([]);
  return (
    <Layout>
      <h1>Shop</h1>
      <ul>
        {products.map((product) => (
          <li key={product.sku}>
            {product.name} · €{product.price}{' '}
            <button
              type="button"
              aria-label={`Add ${product.name} to cart`}
              onClick={() => {
                // Fire and forget: a failure is already reported through onError, never unhandled.
                track('add_to_cart', { sku: product.sku, price: product.price }).catch(() => {});
                setAdded((list) => [...list, product.name]);
              }}
            >
              Add to cart
            </button>
          </li>
        ))}
      </ul>
      <p role="status">{added.length ? `In your cart: ${added.join(', ')}` : 'Your cart is empty'}</p>
      <Cta />
    </Layout>
  );
}

export const Head: HeadFC = () => <title>{pageTitle('Shop')}</title>;
