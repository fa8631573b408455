import type { NinetailedOptions } from '@ninetailed/experience.js-react';
import { JSON_CORE_OPTIONS } from './jsonCoreOptions';
import type { NinetailedGatsbyRuntime } from './NinetailedGatsbyRuntime';

/**
 * Builds the core options from the plugin options (JSON from gatsby-config) and the
 * `pluginsModule` runtime (code). Gatsby's own `plugins: []` and the Gatsby-only options
 * are left out.
 *
 * @example
 * toNinetailedOptions({ clientId: 'demo', plugins: [] }, { plugins: [myPlugin] });
 * // { clientId: 'demo', plugins: [myPlugin] }
 */
export function toNinetailedOptions(
  pluginOptions: Record<string, unknown>,
  runtime: NinetailedGatsbyRuntime = {},
): NinetailedOptions {
  const options: Record<string, unknown> = {};
  for (const key of JSON_CORE_OPTIONS) {
    if (pluginOptions[key] !== undefined) options[key] = pluginOptions[key];
  }
  const { pageProperties: _gatsbyOnly, onRouteChange: _tracker, ...code } = runtime;
  return { ...options, ...code } as NinetailedOptions;
}
