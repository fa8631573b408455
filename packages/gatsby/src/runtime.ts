import type { NinetailedGatsbyRuntime } from './NinetailedGatsbyRuntime';

/**
 * The runtime module used when `pluginsModule` is not set: no plugins, no callbacks.
 * gatsby-node points webpack's `@ninetailed/experience.js-gatsby/runtime` at the site's
 * `pluginsModule` instead when there is one.
 *
 * @example
 * import runtime from '@ninetailed/experience.js-gatsby/runtime'; // {} unless aliased
 */
const runtime: NinetailedGatsbyRuntime = {};
export default runtime;
