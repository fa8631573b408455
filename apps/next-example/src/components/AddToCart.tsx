'use client';
import { useNinetailed } from '@ninetailed/experience.js-next';
import { useState } from 'react';
import type { Product } from '../lib/catalogue';

/** Sends `track('add_to_cart')` (the `cart-adders` audience of the demo configuration). */
export function AddToCart({ product }: { product: Product }) {
  const { track } = useNinetailed();
  const [added, setAdded] = useState(0);
  return (
    <button
      type="button"
      onClick={() => {
        setAdded(added + 1);
        // The call rejects when the Experience API refuses the event (400); the SDK has already
        // reported it (onError, the inspector's status): caught so it is no unhandled rejection.
        track('add_to_cart', { sku: product.sku, price: product.price, quantity: 1 }).catch(() => {});
      }}
    >
      Add {product.name} to cart{added > 0 ? ` (${added})` : ''}
    </button>
  );
}
