import { Link } from 'gatsby';
import type { ReactNode } from 'react';
import { categoryPath } from '../data/posts';
import { SITE_TITLE } from '../siteTitle';
import { ProfileInspector } from './ProfileInspector';
import './layout.css';

export function Layout({ children }: { children: ReactNode }) {
  return (
    <div className="layout">
      <header>
        <p className="brand">{SITE_TITLE}</p>
        <nav aria-label="Main">
          <Link to="/">Home</Link>
          <Link to={categoryPath('news')}>News</Link>
          <Link to={categoryPath('tech')}>Tech</Link>
          <Link to="/shop/">Shop</Link>
          <Link to="/sign-in/">Sign in</Link>
        </nav>
      </header>
      <main>{children}</main>
      <ProfileInspector />
    </div>
  );
}
