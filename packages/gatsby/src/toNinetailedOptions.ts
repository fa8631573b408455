import type { NinetailedOptions } from '@ninetailed/experience.js-react';
import type { NinetailedGatsbyRuntime } from './NinetailedGatsbyRuntime';

/** Plugin options that are core options as they are (everything else is Gatsby's or ours). */
const CORE_KEYS = [
  'clientId',
  'environment',
  'url',
  'locale',
  'requestTimeout',
  'debug',
  'consent',
  'privacy',
] as const;

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
  for (const key of CORE_KEYS) {
    if (pluginOptions[key] !== undefined) options[key] = pluginOptions[key];
  }
  const { pageProperties: _gatsbyOnly, ...code } = runtime;
  return { ...options, ...code } as NinetailedOptions;
}
