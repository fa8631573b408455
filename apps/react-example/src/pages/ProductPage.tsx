import { useNinetailed } from '@ninetailed/experience.js-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { products } from '../data';

export function ProductPage() {
  const { sku } = useParams();
  const { track } = useNinetailed();
  const [added, setAdded] = useState(0);
  const product = products.find((p) => p.sku === sku);
  if (!product) {
    return (
      <>
        <title>Product not found · Ninetailed React example</title>
        <h1>Product not found</h1>
      </>
    );
  }
  const addToCart = () => {
    // Fire and forget: a failure is already reported through onError, never unhandled.
    track('add_to_cart', { sku: product.sku, price: product.price, currency: 'EUR' }).catch(() => {});
    setAdded((n) => n + 1);
  };
  return (
    <>
      <title>{`${product.name} · Ninetailed React example`}</title>
      <h1>{product.name}</h1>
      <p>€{product.price}</p>
      <button type="button" onClick={addToCart}>
        Add to cart
      </button>
      {added > 0 ? <p role="status">In your cart: {added}</p> : null}
    </>
  );
}
