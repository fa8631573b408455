import type { NinetailedGatsbyPluginOptions } from '@ninetailed/experience.js-gatsby';
import type { GatsbyConfig } from 'gatsby';
import { SITE_TITLE } from './src/siteTitle';

// GATSBY_* variables are read here at build time and baked into the site.
const ninetailed: NinetailedGatsbyPluginOptions = {
  clientId: process.env.GATSBY_NINETAILED_CLIENT_ID || 'demo',
  environment: process.env.GATSBY_NINETAILED_ENVIRONMENT || 'main',
  url: process.env.GATSBY_NINETAILED_URL || 'http://127.0.0.1:3030',
  // A post's page events carry its category (set in gatsby-node's createPage context).
  pageContextProperties: ['category'],
  // Plugins and callbacks (code, not JSON): a path relative to the site root.
  pluginsModule: './src/ninetailed-plugins.ts',
};

const config: GatsbyConfig = {
  siteMetadata: { title: SITE_TITLE },
  trailingSlash: 'always',
  // JSX without `import React` (the React 17+ transform), as tsconfig's "jsx": "react-jsx".
  jsxRuntime: 'automatic',
  plugins: [{ resolve: '@ninetailed/experience.js-gatsby', options: { ...ninetailed } }],
};

export default config;
