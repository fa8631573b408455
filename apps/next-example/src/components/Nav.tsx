import Link from 'next/link';

const LINKS = [
  ['/', 'Home'],
  ['/blog', 'Blog'],
  ['/shop', 'Shop'],
  ['/account', 'Account'],
  ['/about', 'About'],
  ['/legacy', 'Legacy catalogue'],
] as const;

/**
 * The site navigation, shared by both routers. Links to the other router's pages are plain
 * `<a>`: crossing routers is a full page load (a new first load for the page event).
 */
export function Nav({ router }: { router: 'app' | 'pages' }) {
  return (
    <nav aria-label="Main">
      {LINKS.map(([href, label]) =>
        (router === 'pages') === href.startsWith('/legacy') ? (
          <Link key={href} href={href}>
            {label}
          </Link>
        ) : (
          <a key={href} href={href}>
            {label}
          </a>
        ),
      )}
    </nav>
  );
}
