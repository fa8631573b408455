'use client';
import { usePageTracking } from '@ninetailed/experience.js-react';
import { useRouter } from 'next/compat/router';
import { usePathname, useSearchParams } from 'next/navigation';
import type { NextRouter } from 'next/router';
import { Suspense, useContext } from 'react';
import { PagePropertiesContext, type PagePropertiesRegistry } from './PagePropertiesContext';
import type { RouteTrackingOptions } from './RouteTrackingOptions';

interface TrackerProps {
  options: RouteTrackingOptions;
}

/** The React binding's page tracker, with the properties the mounted pages registered. */
function useNextPageTracking(route: string | null, options: RouteTrackingOptions): void {
  // The registry is there: the tracker is rendered inside the provider.
  const registry = useContext(PagePropertiesContext) as PagePropertiesRegistry;
  const { onRouteChange, trackHashChanges, titleTimeout } = options;
  usePageTracking(route, {
    onRouteChange,
    trackHashChanges,
    titleTimeout,
    properties: () => Object.assign({}, ...registry.values()),
  });
}

// App Router: a navigation changes the path or the query. `useSearchParams()` makes this
// component render in the browser only, hence its own <Suspense> boundary below: static pages
// still prerender.
function AppRouterTracker({ options }: TrackerProps): null {
  useNextPageTracking(`${usePathname()}?${useSearchParams()}`, options);
  return null;
}

// Pages Router: a navigation changes `asPath`. Nothing is sent before the router is ready
// (until then a statically optimized page has no query).
function PagesRouterTracker({ router, options }: TrackerProps & { router: NextRouter }): null {
  useNextPageTracking(router.isReady ? router.asPath : null, options);
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
