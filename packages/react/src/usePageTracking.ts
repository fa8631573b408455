'use client';
import { useEffect, useRef, useState } from 'react';
import { createPageTracker, type PageTrackingOptions } from './createPageTracker';
import { useNinetailed } from './useNinetailed';

/**
 * Sends one page event per navigation of any router, from one line in a component that
 * re-renders on route changes (a layout). `location` is the router's current location, or any
 * value that changes on navigation: React Router's and Remix's `useLocation()`, TanStack
 * Router's `useLocation()` (or `useRouterState({ select: (s) => s.location.href })`). While it
 * is `null` or `undefined` nothing is sent (a router that is not ready yet).
 *
 * The URL and title are read from the browser: the first load counts once (also under
 * StrictMode), then every new path or query once, back and forward too; re-renders and
 * same-URL replaces do not, nor hash-only changes unless `trackHashChanges`. Each event leaves
 * once the new page's `document.title` is in (React 19's `<title>` is there at once; for
 * react-helmet pass `waitForHead: true`), at most `titleTimeout` ms later. A page left before
 * its title came is sent at once with its own URL and `title: ''` (never the next page's).
 * Unmounting cancels a waiting event.
 *
 * @example
 * ```tsx
 * import { usePageTracking } from '@ninetailed/experience.js-react';
 * import { Outlet, useLocation } from 'react-router';
 *
 * export function Layout() {
 *   usePageTracking(useLocation());
 *   return <Outlet />;
 * }
 * ```
 */
export function usePageTracking(location: unknown, options: PageTrackingOptions = {}): void {
  const { page, ninetailed } = useNinetailed();
  const latest = useRef(options);
  latest.current = options;
  const [tracker] = useState(() => createPageTracker(page, () => latest.current, ninetailed));
  const ready = location !== null && location !== undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `location` is the trigger; navigate() reads the browser's.
  useEffect(() => {
    if (ready) tracker.navigate();
  }, [tracker, ready, location]);

  // On unmount: no title wait (observer, timer) outlives the component.
  useEffect(() => tracker.stop, [tracker]);

  const { trackHashChanges } = options;
  useEffect(() => {
    if (!trackHashChanges) return;
    // Some routers re-render nothing for a hash change (the Next App Router): listen to the
    // history itself. The Navigation API sees every same-document navigation (also a
    // pushState of `#x`); browsers without it get `hashchange` (anchors, typed hashes, back).
    const navigation = (window as { navigation?: EventTarget }).navigation;
    const [target, type] = navigation ? [navigation, 'currententrychange'] : [window, 'hashchange'];
    const onHistory = () => tracker.hashChanged();
    target.addEventListener(type, onHistory);
    return () => target.removeEventListener(type, onHistory);
  }, [tracker, trackHashChanges]);
}
