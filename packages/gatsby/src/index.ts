/**
 * `@ninetailed/experience.js-gatsby`: everything of `@ninetailed/experience.js-react` (and
 * so of the core), for components of a Gatsby site that uses this plugin.
 *
 * @example
 * import { useNinetailed, useProfile } from '@ninetailed/experience.js-gatsby';
 */
export * from '@ninetailed/experience.js-react';
export type { GatsbyPageInfo } from './GatsbyPageInfo';
export type { NinetailedGatsbyPluginOptions } from './NinetailedGatsbyPluginOptions';
export type { NinetailedGatsbyRuntime } from './NinetailedGatsbyRuntime';
export { Tracker } from './Tracker';
