import type { RouteChange, RouteTrackingOptions } from './types';
import { waitForTitle } from './waitForTitle';

/**
 * What a {@link PageViewTracker} needs: `page`, the registered page properties, and the latest
 * tracking options (read at each use, so new props take effect).
 *
 * @example
 * ```ts
 * const config: PageViewTrackerConfig = {
 *   page: (p) => ninetailed.page(p), properties: () => ({}), options: () => ({}),
 * };
 * ```
 */
export interface PageViewTrackerConfig {
  page: (properties?: Record<string, unknown>) => Promise<void>;
  properties: () => Record<string, unknown>;
  options: () => RouteTrackingOptions;
}

/**
 * Turns "the route may have changed" signals into exactly one page event per navigation.
 *
 * @example
 * ```ts
 * const tracker = createPageViewTracker(config);
 * tracker.navigate(); // after each route change, in an effect
 * ```
 */
export interface PageViewTracker {
  /**
   * Reads `window.location`; if it is a new URL (hash ignored unless `trackHashChanges`),
   * sends its page event once the title is in place. `hashOnly` ignores the call unless only
   * the hash changed (for history listeners that fire before React has rendered the new page).
   */
  navigate(hashOnly?: boolean): void;
}

interface Navigation {
  href: string;
  initial: boolean;
  properties: Record<string, unknown>;
}

const withoutHash = (href: string) => href.split('#')[0];
const ignore = () => {};

/**
 * Creates the page-event logic shared by the App Router and Pages Router trackers.
 *
 * @example
 * ```ts
 * const tracker = createPageViewTracker({
 *   page: (p) => ninetailed.page(p), properties: () => ({}), options: () => ({}),
 * });
 * tracker.navigate();
 * ```
 */
export function createPageViewTracker(config: PageViewTrackerConfig): PageViewTracker {
  let current: string | undefined;
  let pending: Navigation | undefined;
  let cancel: (() => void) | undefined;

  const send = (nav: Navigation, superseded: boolean) => {
    const { href: url, pathname: path, search, hash, searchParams } = new URL(nav.href);
    const route: RouteChange = {
      url,
      path,
      search,
      hash,
      // Read now: a page rendered after the route change (behind a loading boundary) has
      // registered by the time its title is in.
      properties: superseded ? nav.properties : config.properties(),
      initial: nav.initial,
    };
    const override = config.options().onRouteChange?.(route);
    if (override === false) return;
    // The location has already moved on to the next page: name this one explicitly.
    const left = superseded ? { url, path, search, query: Object.fromEntries(searchParams), title: '' } : {};
    // A failed delivery is reported through the core's onError; nothing to throw into the page.
    config.page({ ...left, ...(override ?? route.properties) }).catch(ignore);
  };

  // No stop on unmount: StrictMode unmounts and remounts effects in development, and a page
  // waiting for its title must still be sent then (at most `titleTimeout` ms later).
  return {
    navigate(hashOnly) {
      const { href } = window.location;
      if (hashOnly && withoutHash(href) !== withoutHash(`${current}`)) return;
      const key = config.options().trackHashChanges ? href : withoutHash(href);
      if (key === current) return;
      if (pending) {
        // The user left before the title came: send that page now, it was a navigation too.
        cancel?.();
        send(pending, true);
      }
      const nav: Navigation = { href, initial: current === undefined, properties: config.properties() };
      pending = nav;
      current = key;
      cancel = waitForTitle(() => {
        if (pending !== nav) return;
        pending = undefined;
        send(nav, false);
      }, config.options().titleTimeout ?? 1000);
    },
  };
}
