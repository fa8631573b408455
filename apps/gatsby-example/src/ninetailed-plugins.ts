import type { NinetailedGatsbyRuntime, NinetailedPlugin } from '@ninetailed/experience.js-gatsby';

// This module is the plugin's `pluginsModule` (see gatsby-config.ts). Plugins and callbacks
// are code, which Gatsby's JSON plugin options cannot carry; gatsby-node points webpack at
// this file instead, so it is bundled into the browser like any other module.

/** Adds the shop's currency to every add_to_cart event (a plugin enriching events). */
const shopCurrency: NinetailedPlugin = {
  name: 'gatsby-example-currency',
  onEvent: (event) =>
    event.type === 'track' && event.event === 'add_to_cart'
      ? { ...event, properties: { ...event.properties, currency: 'EUR' } }
      : event,
};

declare global {
  interface Window {
    /** Set by the end-to-end tests only (before the site loads): their own Experience API. */
    __NINETAILED_EXAMPLE_CONFIG__?: { url?: string };
  }
}

// !! important !! GATSBY_* variables are inlined at build time, so one build cannot follow a
// test's API on a free port. The e2e tests set this global instead; a real site drops it.
const testOverride = typeof window === 'undefined' ? undefined : window.__NINETAILED_EXAMPLE_CONFIG__;

const runtime: NinetailedGatsbyRuntime = {
  plugins: [shopCurrency],
  // Views, clicks and hovers go to Insights: the local Experience API serves its ingest path.
  insightsUrl: testOverride?.url || process.env.GATSBY_NINETAILED_URL || 'http://127.0.0.1:3030',
  ...(testOverride?.url ? { url: testOverride.url } : {}),
};

export default runtime;
