import type { JsonCoreOptions } from './jsonCoreOptions';

/**
 * Options of `@ninetailed/experience.js-gatsby` in `gatsby-config`.
 *
 * The core's JSON options with the core's own types (`clientId`, `environment`, `url`,
 * `locale`, `requestTimeout`, `debug`, `consent`, `privacy`: see `NinetailedOptions`), plus the
 * Gatsby ones below. Gatsby validates them at build time (see `pluginOptionsSchema`) and
 * serializes them as JSON into the browser bundle, so only JSON values belong here. Plugins
 * and callbacks go in the module named by `pluginsModule`.
 *
 * @example
 * // gatsby-config.ts
 * plugins: [
 *   {
 *     resolve: '@ninetailed/experience.js-gatsby',
 *     options: {
 *       clientId: process.env.GATSBY_NINETAILED_CLIENT_ID ?? 'demo',
 *       environment: 'main',
 *       url: process.env.GATSBY_NINETAILED_URL,
 *       pageContextProperties: ['category'],
 *       pluginsModule: './src/ninetailed-plugins.ts',
 *     } satisfies NinetailedGatsbyPluginOptions,
 *   },
 * ]
 */
export interface NinetailedGatsbyPluginOptions extends JsonCoreOptions {
  /**
   * Keys copied from a page's `pageContext` (set in `createPage`) into its page event's
   * properties, for example `['category']`.
   */
  pageContextProperties?: string[];
  /**
   * Path (absolute, or relative to the site root) of a module whose default export is a
   * `NinetailedGatsbyRuntime`: the plugins and callbacks that cannot travel as JSON.
   */
  pluginsModule?: string;
}
