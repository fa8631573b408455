/** A product of the shop (App Router) and of the legacy catalogue (Pages Router). */
export interface Product {
  id: string;
  sku: string;
  name: string;
  price: number;
  category: 'boots' | 'jackets';
}

export const PRODUCTS: Product[] = [
  { id: '1', sku: 'BOOT-1', name: 'Trail boots', price: 129, category: 'boots' },
  { id: '2', sku: 'JACKET-1', name: 'Rain jacket', price: 89, category: 'jackets' },
];

export function getProduct(id: string): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}
