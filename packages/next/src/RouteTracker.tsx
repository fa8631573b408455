'use client';
import { useRouter } from 'next/compat/router';
import { usePathname, useSearchParams } from 'next/navigation';
import type { NextRouter } from 'next/router';
import { Suspense } from 'react';
import type { RouteTrackingOptions } from './types';
import { useRouteTracking } from './useRouteTracking';

interface TrackerProps {
  options: RouteTrackingOptions;
}

// App Router: a navigation changes the path or the query. `useSearchParams()` makes this
// component render in the browser only, hence its own <Suspense> boundary below: static pages
// still prerender.
function AppRouterTracker({ options }: TrackerProps): null {
  useRouteTracking(true, `${usePathname()}?${useSearchParams()}`, options);
  return null;
}

// Pages Router: a navigation changes `asPath`. Nothing is sent before the router is ready
// (until then a statically optimized page has no query).
function PagesRouterTracker({ router, options }: TrackerProps & { router: NextRouter }): null {
  useRouteTracking(router.isReady, router.asPath, options);
  return null;
}

/**
 * Sends the page events of the router in use: `next/compat/router` gives the Pages Router, or
 * `null` under the App Router (where `next/router`'s `useRouter()` would throw "NextRouter was
 * not mounted", the crash of the v7 Next package).
 *
 * @example
 * ```tsx
 * <RouteTracker options={{ trackHashChanges: false }} />
 * ```
 */
export function RouteTracker({ options }: TrackerProps) {
  const pagesRouter = useRouter();
  if (pagesRouter) return <PagesRouterTracker router={pagesRouter} options={options} />;
  return (
    <Suspense>
      <AppRouterTracker options={options} />
    </Suspense>
  );
}
