/**
 * Gatsby's Node APIs of the plugin (the package root's `gatsby-node.js` re-exports these):
 * option validation and the webpack alias that brings `pluginsModule` to the browser.
 *
 * @example
 * // gatsby-config.ts
 * plugins: [{ resolve: '@ninetailed/experience.js-gatsby', options: { clientId: 'demo' } }]
 */
export { onCreateWebpackConfig } from './onCreateWebpackConfig';
export { pluginOptionsSchema } from './pluginOptionsSchema';
