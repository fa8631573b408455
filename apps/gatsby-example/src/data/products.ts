export interface Product {
  sku: string;
  name: string;
  price: number;
}

export const products: Product[] = [
  { sku: 'trail-shoes', name: 'Trail running shoes', price: 129 },
  { sku: 'rain-jacket', name: 'Rain jacket', price: 89 },
];
