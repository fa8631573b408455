import type { Metadata } from 'next';
import { AddToCart } from '../../components/AddToCart';
import { Cta } from '../../components/Cta';
import { PRODUCTS } from '../../lib/catalogue';

export const metadata: Metadata = { title: 'Shop' };

export default function Shop() {
  return (
    <>
      <h1>Shop</h1>
      <ul>
        {PRODUCTS.map((product) => (
          <li key={product.id}>
            {product.name}, {product.price} € <AddToCart product={product} />
          </li>
        ))}
      </ul>
      <Cta />
    </>
  );
}
