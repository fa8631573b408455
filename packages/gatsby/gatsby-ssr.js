// Gatsby loads `gatsby-ssr.js` from the plugin's root and reads its export names
// statically, so they are listed one by one. The code is TypeScript built to dist/.
export { wrapRootElement } from './dist/gatsby-ssr.mjs';
