import * as runtimeModule from '@ninetailed/experience.js-gatsby/runtime';
import { NinetailedProvider } from '@ninetailed/experience.js-react';
import type { GatsbyBrowser } from 'gatsby';
import { getBrowserNinetailed } from './browserNinetailed';
import { createPageTracker, type PageTracker } from './createPageTracker';
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

const ignore = () => {};

let currentPage: GatsbyPageInfo | undefined;
let tracker: PageTracker | undefined;

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
 * Sends exactly one page event per route update: the first load once, a repeated report
 * of the same update never, and only once the new page's `<title>` is in place.
 *
 * @example
 * // Gatsby calls it after every navigation (Gatsby <Link>, navigate(), back/forward).
 */
export const onRouteUpdate: NonNullable<GatsbyBrowser['onRouteUpdate']> = ({ location }, pluginOptions) => {
  const ninetailed = ninetailedFor(pluginOptions);
  // A failed page event is already reported (onError, debug log); the promise is caught so a
  // route change never leaves an unhandled rejection in the page.
  tracker ??= createPageTracker({ send: (properties) => ninetailed.page(properties).catch(ignore) });
  const keys = Array.isArray(pluginOptions.pageContextProperties)
    ? (pluginOptions.pageContextProperties as string[])
    : [];
  tracker.routeUpdated(location, () => {
    const page =
      currentPage && currentPage.location.pathname === location.pathname
        ? currentPage
        : { location, pageContext: {}, data: undefined };
    return pagePropertiesFor(page, keys, runtime);
  });
};
