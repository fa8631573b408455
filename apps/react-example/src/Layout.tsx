import { useNinetailed } from '@ninetailed/experience.js-react';
import { NavLink, Outlet } from 'react-router';
import { ProfileInspector } from './ProfileInspector';
import { usePageViews } from './usePageViews';

export function Layout() {
  usePageViews();
  const { reset } = useNinetailed();
  return (
    <div className="layout">
      <header>
        <strong>Ninetailed React example</strong>
        <nav>
          <NavLink to="/" end>
            Home
          </NavLink>
          <NavLink to="/blog" end>
            Blog
          </NavLink>
          <NavLink to="/products" end>
            Shop
          </NavLink>
          <NavLink to="/sign-in">Sign in</NavLink>
        </nav>
        <button type="button" onClick={() => reset().catch(() => {})}>
          Reset profile
        </button>
      </header>
      <main>
        <Outlet />
      </main>
      <ProfileInspector />
    </div>
  );
}
