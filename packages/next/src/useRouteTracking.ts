'use client';
import { useNinetailed } from '@ninetailed/experience.js-react';
import { useContext, useEffect, useRef, useState } from 'react';
import { PagePropertiesContext, type PagePropertiesRegistry } from './PagePropertiesContext';
import { createPageViewTracker } from './pageViewTracker';
import type { RouteTrackingOptions } from './types';

/**
 * Sends the page event of each navigation: call it from a component that re-renders on route
 * changes, with `route` naming the route (`ready: false` holds the first event back).
 *
 * @example
 * ```tsx
 * const pathname = usePathname();
 * useRouteTracking(true, pathname, options);
 * ```
 */
export function useRouteTracking(ready: boolean, route: unknown, options: RouteTrackingOptions): void {
  const { page } = useNinetailed();
  const registry = useContext(PagePropertiesContext);
  const latest = useRef(options);
  latest.current = options;
  const [tracker] = useState(() =>
    createPageViewTracker(
      page,
      // The registry is there: the tracker is rendered inside the provider.
      () => Object.assign({}, ...(registry as PagePropertiesRegistry).values()),
      () => latest.current,
    ),
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `route` is the trigger; navigate() reads the location.
  useEffect(() => {
    if (ready) tracker.navigate();
  }, [tracker, ready, route]);

  // On unmount: no title wait (observer, timer) outlives the provider.
  useEffect(() => tracker.stop, [tracker]);

  const { trackHashChanges } = options;
  useEffect(() => {
    if (!trackHashChanges) return;
    // A hash change alone re-renders nothing in the App Router: listen to the history itself.
    // The Navigation API sees every same-document navigation (also the pushState of
    // <Link href="#x">); browsers without it get `hashchange` (anchors, typed hashes, back).
    const navigation = (window as { navigation?: EventTarget }).navigation;
    const [target, type] = navigation ? [navigation, 'currententrychange'] : [window, 'hashchange'];
    const onHistory = () => tracker.navigate(true);
    target.addEventListener(type, onHistory);
    return () => target.removeEventListener(type, onHistory);
  }, [tracker, trackHashChanges]);
}
