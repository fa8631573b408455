// Gatsby imports `gatsby-node.js` from the plugin's root (with import(), so this ESM file
// works); the Node APIs are the CommonJS build, the safest for Gatsby's Node side.
export { onCreateWebpackConfig, pluginOptionsSchema } from './dist/gatsby-node.cjs';
