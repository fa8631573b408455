import type { OnRouteChange, RouteTrackingOptions } from './types';
import { waitForTitle } from './waitForTitle';

/**
 * Turns "the route may have changed" signals into exactly one page event per navigation.
 *
 * @example
 * ```ts
 * const tracker = createPageViewTracker(page, properties, options);
 * tracker.navigate(); // after each route change, in an effect
 * tracker.stop(); // on unmount
 * ```
 */
export interface PageViewTracker {
  /**
   * Reads `window.location`; if it is a new URL (hash ignored unless `trackHashChanges`),
   * sends its page event once the title is in place. `hashOnly` ignores the call unless only
   * the hash changed (for history listeners that fire before React has rendered the new page).
   */
  navigate(hashOnly?: boolean): void;
  /**
   * Cancels a page event still waiting for its title, and forgets that navigation: nothing is
   * left behind an unmounted provider, and a remount (StrictMode does one in development) sends
   * it as if for the first time.
   */
  stop(): void;
}

interface Navigation {
  href: string;
  /** The URL key before this navigation (`undefined`: this is the first load). */
  from: string | undefined;
  properties: Record<string, unknown>;
}

const withoutHash = (href: string) => href.split('#')[0];
const ignore = () => {};

/**
 * Creates the page-event logic shared by the App Router and Pages Router trackers.
 *
 * @param page Sends a page event (the core's `page`).
 * @param properties The properties the mounted pages registered, merged.
 * @param options The latest tracking options (read at each use, so new props take effect).
 * @example
 * ```ts
 * const tracker = createPageViewTracker((p) => ninetailed.page(p), () => ({}), () => ({}));
 * tracker.navigate();
 * ```
 */
export function createPageViewTracker(
  page: (properties?: Record<string, unknown>) => Promise<void>,
  properties: () => Record<string, unknown>,
  options: () => RouteTrackingOptions,
): PageViewTracker {
  let current: string | undefined;
  let pending: Navigation | undefined;
  let cancel = ignore;

  const send = (nav: Navigation, left: boolean) => {
    const { href: url, pathname: path, search, hash, searchParams } = new URL(nav.href);
    // Read now unless the page was left: a page rendered after the route change (behind a
    // loading boundary) has registered its properties by the time its title is in.
    const props = left ? nav.properties : properties();
    let override: ReturnType<OnRouteChange>;
    try {
      override = options().onRouteChange?.({
        url,
        path,
        search,
        hash,
        properties: props,
        initial: nav.from === undefined,
      });
    } catch (error) {
      // A bug in the app's callback must neither break the app nor lose the page view: log it
      // and send the default event (returning `false` is the way to send none).
      console.error('[ninetailed] onRouteChange threw:', error);
    }
    if (override === false) return;
    // The location has already moved on to the next page: name this one explicitly. A failed
    // delivery is reported through the core's onError: nothing to throw into the page.
    page({
      ...(left && { url, path, search, query: Object.fromEntries(searchParams), title: '' }),
      ...(override ?? props),
    }).catch(ignore);
  };

  return {
    navigate(hashOnly) {
      const { href } = location;
      if (hashOnly && withoutHash(href) !== withoutHash(`${current}`)) return;
      const key = options().trackHashChanges ? href : withoutHash(href);
      if (key === current) return;
      if (pending) {
        // The user left before the title came: send that page now, it was a navigation too.
        cancel();
        send(pending, true);
      }
      const nav: Navigation = { href, from: current, properties: properties() };
      pending = nav;
      current = key;
      cancel = waitForTitle(() => {
        pending = undefined;
        send(nav, false);
      }, options().titleTimeout ?? 1000);
    },
    stop() {
      if (!pending) return;
      cancel();
      current = pending.from;
      pending = undefined;
    },
  };
}
