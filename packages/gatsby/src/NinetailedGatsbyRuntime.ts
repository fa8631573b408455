import type { NinetailedOptions, OnRouteChange } from '@ninetailed/experience.js-react';
import type { GatsbyPageInfo } from './GatsbyPageInfo';

/**
 * What the `pluginsModule` exports as its default: the core options that are code (plugins,
 * callbacks, seams), plus `pageProperties` to compute extra page event properties.
 *
 * The module is bundled into the browser by webpack (Gatsby's option JSON is never used
 * for code), so it may import anything, but it runs only in the browser: it is never
 * imported during server rendering.
 *
 * @example
 * // src/ninetailed-plugins.ts, named by `pluginsModule: './src/ninetailed-plugins.ts'`
 * import type { NinetailedGatsbyRuntime } from '@ninetailed/experience.js-gatsby';
 *
 * const runtime: NinetailedGatsbyRuntime = {
 *   plugins: [myAnalyticsPlugin()],
 *   onError: (error) => console.warn(error),
 *   pageProperties: ({ location }) => ({ section: location.pathname.split('/')[1] ?? '' }),
 * };
 * export default runtime;
 */
export type NinetailedGatsbyRuntime = Partial<Omit<NinetailedOptions, 'clientId' | 'environment'>> & {
  /** Extra properties of the page event for a page (merged over `pageContextProperties`). */
  pageProperties?: (page: GatsbyPageInfo) => Record<string, unknown> | undefined;
  /**
   * Decides each route's page event (v7's option, moved here from gatsby-config):
   * `(route, ninetailed) => …` replaces the automatic page event as in v7 (call
   * `ninetailed.page()` yourself; `route.isInitialRoute`, `route.url`), `(route) => …`
   * returns properties, `false` or nothing (see `OnRouteChange`).
   */
  onRouteChange?: OnRouteChange;
};
