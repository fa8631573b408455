/**
 * Options of `@ninetailed/experience.js-gatsby` in `gatsby-config`.
 *
 * Gatsby validates them at build time (see `pluginOptionsSchema`) and serializes them as
 * JSON into the browser bundle, so only JSON values belong here. Plugins and callbacks go in
 * the module named by `pluginsModule`.
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
export interface NinetailedGatsbyPluginOptions {
  /** Your Ninetailed API key (the organization id). Required. */
  clientId: string;
  /** Ninetailed environment. Default `main`. */
  environment?: string;
  /** Experience API base URL. Default `https://experience.ninetailed.co`. */
  url?: string;
  /** BCP 47 locale asked of the Experience API for location names. */
  locale?: string;
  /** Timeout of one request to the Experience API, in milliseconds. */
  requestTimeout?: number;
  /** Log what the SDK does (prefixed `[ninetailed]`). */
  debug?: boolean;
  /** `'required'` holds events until `consent(true)`; default `'granted'`. */
  consent?: 'granted' | 'required';
  /** What to do with traits or aliases that look like an email or phone number. */
  privacy?: { contactInfo?: 'warn' | 'strip' | 'allow' };
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
