import { Link } from 'react-router';
import { Cta } from '../components/Cta';
import { Hero } from '../components/Hero';

export function HomePage() {
  return (
    <>
      <title>Home · Ninetailed React example</title>
      <h1>Welcome</h1>
      <Hero />
      <Cta />
      <p>
        Every route change sends a <code>page</code> event. Read three news posts to join{' '}
        <em>news-readers</em>, add something to the cart to join <em>cart-adders</em>, sign in with favourite
        colour red to join <em>red-fans</em>. The panel on the right shows your live profile.
      </p>
      <ul>
        <li>
          <Link to="/blog">Read the blog</Link>
        </li>
        <li>
          <Link to="/products">Visit the shop</Link>
        </li>
      </ul>
    </>
  );
}
