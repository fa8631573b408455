import { defineConfig } from 'tsdown';
import { packageBuild } from '../../tsdown.shared.ts';

const shared = packageBuild([
  'src/index.ts',
  'src/runtime.ts',
  'src/gatsby-browser.tsx',
  'src/gatsby-ssr.tsx',
  'src/gatsby-node.ts',
]);

export default defineConfig({
  ...shared,
  // gatsby-node finds its own dist/ through import.meta.url, in the CJS build too.
  shims: true,
  // The runtime id is resolved by webpack in the site (gatsby-node aliases it to the site's
  // pluginsModule); node: builtins are Node's (gatsby-node only).
  deps: { neverBundle: ['@ninetailed/experience.js-gatsby/runtime', /^node:/] },
});
