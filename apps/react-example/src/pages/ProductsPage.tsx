import { Link } from 'react-router';
import { Cta } from '../components/Cta';
import { products } from '../data';

export function ProductsPage() {
  return (
    <>
      <title>Shop · Ninetailed React example</title>
      <h1>Shop</h1>
      <ul>
        {products.map((product) => (
          <li key={product.sku}>
            <Link to={`/products/${product.sku}`}>{product.name}</Link> <small>€{product.price}</small>
          </li>
        ))}
      </ul>
      <Cta />
    </>
  );
}
