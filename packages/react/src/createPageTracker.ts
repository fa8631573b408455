'use client';
import type { Ninetailed } from '@ninetailed/experience.js';
import { type TitleWait, waitForTitle } from './waitForTitle';

/**
 * A navigation as the page tracker sees it, handed to `onRouteChange` just before its page
 * event is sent (after the new page's `document.title` is in place).
 *
 * @example
 * ```ts
 * import type { RouteChange } from '@ninetailed/experience.js-react';
 * const isBlog = (route: RouteChange) => route.path.startsWith('/blog/');
 * ```
 */
export interface RouteChange {
  /** The full URL of the new page (with hash). */
  url: string;
  /** Its path, for example `/blog/hello`. */
  path: string;
  /** Its query string with the `?`, or `''`. */
  search: string;
  /** Its hash with the `#`, or `''`. */
  hash: string;
  /** The page's custom properties (the `properties` option; Next: `usePageProperties()`). */
  properties: Record<string, unknown>;
  /** `true` for the first page event of this tracker (the initial load). */
  initial: boolean;
  /** v7's name of `initial`. */
  isInitialRoute: boolean;
}

/**
 * Decides the page event of one navigation, in one of two forms told apart by the number of
 * parameters the function declares:
 *
 * - `(route) => …` (one parameter): return an object to send those properties (replacing
 *   `route.properties`), `false` to send no page event, or nothing to send the default.
 * - `(route, ninetailed) => …` (v7's form, two parameters): it replaces the automatic page
 *   event; call `ninetailed.page()` yourself (`route.isInitialRoute` tells the first load).
 *   Nothing else is sent for that navigation, unless it returns an object (sent as above).
 *
 * @example
 * ```ts
 * import type { OnRouteChange } from '@ninetailed/experience.js-react';
 * const onRouteChange: OnRouteChange = (route) =>
 *   route.path.startsWith('/admin') ? false : { ...route.properties, section: route.path.split('/')[1] };
 * // v7's form:
 * const v7: OnRouteChange = (routeInfo, ninetailed) => {
 *   if (!routeInfo.isInitialRoute) ninetailed.page({ category: 'spa' });
 * };
 * ```
 */
export type OnRouteChange = (
  route: RouteChange,
  ninetailed: Ninetailed,
  // biome-ignore lint/suspicious/noConfusingVoidType: a callback that returns nothing (a block body) is allowed.
) => Record<string, unknown> | false | undefined | void;

/**
 * Options of `usePageTracking()` and `createPageTracker()`. They are read at each use, so
 * new values take effect at the next navigation.
 *
 * @example
 * ```ts
 * import type { PageTrackingOptions } from '@ninetailed/experience.js-react';
 * const options: PageTrackingOptions = { properties: { category: 'news' }, trackHashChanges: true };
 * ```
 */
export interface PageTrackingOptions {
  /**
   * Custom properties of the page event (for example `{ category }`), or a function that
   * returns them. Read when the route changes and again when the event leaves (a page that
   * renders late has set them by then); a page left before its title keeps the first read.
   */
  properties?: Record<string, unknown> | (() => Record<string, unknown>);
  /** Override what each navigation sends (see {@link OnRouteChange}). */
  onRouteChange?: OnRouteChange;
  /** Count a change of the URL hash alone as a navigation. Default `false`. */
  trackHashChanges?: boolean;
  /** Longest wait (ms) for the new page's title. Default 1000. */
  titleTimeout?: number;
  /**
   * Wait until `<head>` has settled (two frames and a task without a change) instead of until
   * `document.title` is not empty: for head managers that replace a title that is still there
   * after the route rendered (Gatsby's Head API, react-helmet). Default `false`.
   */
  waitForHead?: boolean;
}

/**
 * Turns "the route may have changed" signals into exactly one page event per navigation.
 *
 * @example
 * ```ts
 * const tracker = createPageTracker(page);
 * tracker.navigate(); // after each route change
 * tracker.stop(); // on unmount
 * ```
 */
export interface PageTracker {
  /**
   * Reads `window.location`; if it is a new URL (hash ignored unless `trackHashChanges`), or
   * a new history `entry` (a router's location key, when the router counts every entry), sends
   * its page event once the title is in place.
   */
  navigate(entry?: string): void;
  /**
   * For history listeners (which fire before the router has rendered the new page): counts
   * the change only if the hash alone changed and `trackHashChanges` is on.
   */
  hashChanged(): void;
  /**
   * Cancels a page event still waiting for its title, and forgets that navigation: nothing is
   * left behind an unmounted component, and a remount (StrictMode does one in development)
   * sends it as if for the first time.
   */
  stop(): void;
}

interface Navigation {
  href: string;
  /** The route before this navigation (`undefined`: this is the first load). */
  from: string | undefined;
  properties: Record<string, unknown>;
  wait?: TitleWait;
}

const withoutHash = (href: string) => href.split('#')[0];

/** Through the core's logger when the instance has one (v7's `logger`), else the console. */
function logError(message: string, error: unknown, ninetailed: Ninetailed | undefined): void {
  const logger = (ninetailed as { logger?: { error?: (...args: unknown[]) => void } } | undefined)?.logger;
  if (typeof logger?.error === 'function') logger.error(message, error);
  else console.error(message, error);
}
const ignore = () => {};

/**
 * Creates the page tracker every router binding feeds (Next, Gatsby, `usePageTracking`): the
 * first load counts once, then every navigation to a new URL once; re-renders, same-URL
 * replaces and (unless `trackHashChanges`) hash-only changes do not. Each event leaves once
 * the new page's title is in place (see `waitForTitle`), with the new page's URL and title.
 *
 * A page left before its title came (a quick click, a redirect on mount) is still sent, at
 * once and before the next one, naming its own URL and the title it was last seen with while
 * waiting (`''` if none came): never the next page's title.
 *
 * @param page Sends a page event (the core's `page`).
 * @param options The latest options (read at each use).
 * @param ninetailed The instance handed to a v7-style `onRouteChange(route, ninetailed)`, and
 *   whose logger reports a throwing `onRouteChange`.
 * @example
 * ```ts
 * import { createPageTracker, Ninetailed } from '@ninetailed/experience.js-react';
 * const ninetailed = new Ninetailed({ clientId: 'demo' });
 * const tracker = createPageTracker((properties) => ninetailed.page(properties), () => ({}), ninetailed);
 * myRouter.subscribe(() => tracker.navigate());
 * ```
 */
export function createPageTracker(
  page: (properties?: Record<string, unknown>) => Promise<unknown>,
  options: () => PageTrackingOptions = () => ({}),
  ninetailed?: Ninetailed,
): PageTracker {
  let current: string | undefined;
  let pending: Navigation | undefined;

  const properties = () => {
    const given = options().properties;
    return (typeof given === 'function' ? given() : given) ?? {};
  };

  const send = (nav: Navigation, left: boolean) => {
    const { href: url, pathname: path, search, hash, searchParams } = new URL(nav.href);
    // Read now unless the page was left: a page rendered after the route change (behind a
    // loading boundary) has set its properties by the time its title is in.
    const props = left ? nav.properties : properties();
    const onRouteChange = options().onRouteChange;
    // v7's form (route, ninetailed) replaces the automatic page event: it sends its own.
    const replaces = (onRouteChange?.length ?? 0) >= 2;
    let override: ReturnType<OnRouteChange>;
    try {
      const initial = nav.from === undefined;
      const route = { url, path, search, hash, properties: props, initial, isInitialRoute: initial };
      override = onRouteChange?.(route, ninetailed as Ninetailed);
    } catch (error) {
      // A bug in the app's callback must neither break the app nor lose the page view: log it
      // and send the default event (returning `false` is the way to send none).
      logError('[ninetailed] onRouteChange threw:', error, ninetailed);
    }
    if (override === false || (replaces && !override)) return;
    // The location has already moved on to the next page: name this one explicitly. A failed
    // delivery is reported through the core's onError: nothing to throw into the page.
    const title = left && nav.wait ? nav.wait.title() : '';
    page({
      ...(left && { url, path, search, query: Object.fromEntries(searchParams), title }),
      ...(override ?? props),
    }).catch(ignore);
  };

  const tracker: PageTracker = {
    navigate(entry) {
      const { href } = location;
      const url = options().trackHashChanges ? href : withoutHash(href);
      const route = entry === undefined ? url : `${entry} ${url}`;
      if (route === current) return;
      if (pending) {
        // The user left before the title came: send that page now, it was a navigation too.
        pending.wait?.cancel();
        send(pending, true);
      }
      const nav: Navigation = { href, from: current, properties: properties() };
      pending = nav;
      current = route;
      const { titleTimeout: timeout, waitForHead: settle } = options();
      nav.wait = waitForTitle(
        () => {
          pending = undefined;
          send(nav, false);
        },
        { timeout, settle },
      );
    },
    hashChanged() {
      if (withoutHash(location.href) === withoutHash(`${current}`)) tracker.navigate();
    },
    stop() {
      if (!pending) return;
      pending.wait?.cancel();
      current = pending.from;
      pending = undefined;
    },
  };
  return tracker;
}
