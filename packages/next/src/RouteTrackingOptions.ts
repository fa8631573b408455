import type { PageTrackingOptions } from '@ninetailed/experience.js-react';

/**
 * The route tracking options of the Next `NinetailedProvider` (beside the React provider's
 * props): those of the React binding's page tracker that a Next app sets. `onRouteChange`
 * overrides what each navigation sends, `trackHashChanges` counts hash-only changes (default
 * `false`), `titleTimeout` bounds the wait for the new page's title, in ms (default 1000: the
 * App Router streams metadata in after the page).
 *
 * @example
 * ```tsx
 * import type { RouteTrackingOptions } from '@ninetailed/experience.js-next';
 * const options: RouteTrackingOptions = { trackHashChanges: true, titleTimeout: 500 };
 * ```
 */
export type RouteTrackingOptions = Pick<
  PageTrackingOptions,
  'onRouteChange' | 'trackHashChanges' | 'titleTimeout'
>;
