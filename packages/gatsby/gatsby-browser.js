// Gatsby loads `gatsby-browser.js` from the plugin's root and reads its export names
// statically, so they are listed one by one. The code is TypeScript built to dist/.
export { onRouteUpdate, wrapPageElement, wrapRootElement } from './dist/gatsby-browser.mjs';
