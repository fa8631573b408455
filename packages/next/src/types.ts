/**
 * A navigation as the route tracker sees it, handed to `onRouteChange` just before its page
 * event is sent (after the new page's `document.title` is in place).
 *
 * @example
 * ```ts
 * import type { RouteChange } from '@ninetailed/experience.js-next';
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
  /** What the mounted `usePageProperties()` / `<PageProperties>` calls set for this page. */
  properties: Record<string, unknown>;
  /** `true` for the first page event of this provider (the initial load). */
  initial: boolean;
}

/**
 * Decides the properties of the page event of one navigation: return an object to send
 * those properties (replacing `route.properties`), `false` to send no page event for this
 * navigation, or nothing to send `route.properties` unchanged.
 *
 * @example
 * ```ts
 * import type { OnRouteChange } from '@ninetailed/experience.js-next';
 * const onRouteChange: OnRouteChange = (route) =>
 *   route.path.startsWith('/admin') ? false : { ...route.properties, section: route.path.split('/')[1] };
 * ```
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a callback that returns nothing (a block body) is allowed.
export type OnRouteChange = (route: RouteChange) => Record<string, unknown> | false | undefined | void;

/**
 * The route tracking options of the Next `NinetailedProvider` (beside the React provider's props).
 *
 * @example
 * ```tsx
 * import type { RouteTrackingOptions } from '@ninetailed/experience.js-next';
 * const options: RouteTrackingOptions = { trackHashChanges: true, titleTimeout: 500 };
 * ```
 */
export interface RouteTrackingOptions {
  /** Override what each navigation sends (see {@link OnRouteChange}). */
  onRouteChange?: OnRouteChange;
  /** Count a change of the URL hash alone as a navigation. Default `false`. */
  trackHashChanges?: boolean;
  /**
   * How long (ms) a page event waits for the new page's title when `document.title` is still
   * empty after the navigation (the App Router streams metadata in after the page). Default 1000.
   */
  titleTimeout?: number;
}
