import * as runtimeModule from '@ninetailed/experience.js-gatsby/runtime';
import { createPageTracker, NinetailedProvider, type PageTracker } from '@ninetailed/experience.js-react';
import type { GatsbyBrowser } from 'gatsby';
import { getBrowserNinetailed } from './browserNinetailed';
import type { GatsbyPageInfo } from './GatsbyPageInfo';
import type { NinetailedGatsbyRuntime } from './NinetailedGatsbyRuntime';
import { pagePropertiesFor } from './pagePropertiesFor';
import { toNinetailedOptions } from './toNinetailedOptions';

// The site's `pluginsModule` (gatsby-node aliases this id to it), or the empty default.
const runtime: NinetailedGatsbyRuntime = runtimeModule.default ?? {};

type PluginOptions = Record<string, unknown>;

function ninetailedFor(pluginOptions: PluginOptions) {
  return getBrowserNinetailed(() => toNinetailedOptions(pluginOptions, runtime));
}

let currentPage: GatsbyPageInfo | undefined;
let tracker: PageTracker | undefined;
/** The properties of the latest route update's page (the tracker reads them when it sends). */
let pageProperties: () => Record<string, unknown> = () => ({});

/**
 * Wraps the site in `NinetailedProvider`, with the one browser instance, so components can
 * call `useNinetailed()` and `useProfile()`. Gatsby also wraps each page's document-head
 * component with it (a second React root): same instance there.
 *
 * @example
 * // Gatsby calls it; components then do:
 * const { track } = useNinetailed();
 */
export const wrapRootElement: NonNullable<GatsbyBrowser['wrapRootElement']> = (
  { element },
  pluginOptions,
) => <NinetailedProvider ninetailed={ninetailedFor(pluginOptions)}>{element}</NinetailedProvider>;

/**
 * Remembers the page being rendered (its `pageContext` and data), for the properties of
 * the page event `onRouteUpdate` sends next. Renders the page unchanged.
 *
 * @example
 * // createPage({ path, component, context: { category: 'news' } }) with
 * // pageContextProperties: ['category'] gives page events { category: 'news', ... }
 */
export const wrapPageElement: NonNullable<GatsbyBrowser['wrapPageElement']> = ({ element, props }) => {
  currentPage = {
    location: props.location,
    pageContext: (props.pageContext ?? {}) as Record<string, unknown>,
    data: props.data,
  };
  return element;
};

/**
 * Sends exactly one page event per route update, through the React binding's page tracker:
 * the first load once, a repeated report of the same update never, a new history entry (also
 * to the same URL, or a hash change) always, and only once the new page's `<head>` has settled
 * (Gatsby applies the new `<title>` after the route rendered). A page left before that
 * is sent at once with its own URL and title (see `createPageTracker`).
 *
 * @example
 * // Gatsby calls it after every navigation (Gatsby <Link>, navigate(), back/forward).
 */
export const onRouteUpdate: NonNullable<GatsbyBrowser['onRouteUpdate']> = ({ location }, pluginOptions) => {
  const ninetailed = ninetailedFor(pluginOptions);
  const keys = Array.isArray(pluginOptions.pageContextProperties)
    ? (pluginOptions.pageContextProperties as string[])
    : [];
  pageProperties = () => {
    const page =
      currentPage && currentPage.location.pathname === location.pathname
        ? currentPage
        : { location, pageContext: {}, data: undefined };
    return pagePropertiesFor(page, keys, runtime, ninetailed.logger);
  };
  // Gatsby decides what a route update is (every new history entry, hash changes too): the
  // entry key makes each one count, and its repeat (same key and URL) count never.
  tracker ??= createPageTracker(
    (properties) => ninetailed.page(properties),
    () => ({
      trackHashChanges: true,
      waitForHead: true,
      properties: pageProperties,
      onRouteChange: runtime.onRouteChange,
    }),
    ninetailed,
  );
  tracker.navigate((location as { key?: string }).key ?? '');
};
