import { useNinetailed, usePageTracking } from '@ninetailed/experience.js-react';
import { NavLink, Outlet, useLocation, useMatches } from 'react-router';
import type { PageHandle } from './PageHandle';
import { ProfileInspector } from './ProfileInspector';

export function Layout() {
  // One page event per navigation, with the new page's URL and <title>, and the properties
  // the matched route's handle gives (the category of a blog page).
  const match = useMatches().at(-1);
  const handle = match?.handle as PageHandle | undefined;
  usePageTracking(useLocation(), { properties: handle?.pageProperties?.(match?.params ?? {}) });
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
