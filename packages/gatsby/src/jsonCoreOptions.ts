import type { NinetailedOptions } from '@ninetailed/experience.js-react';

/**
 * The core options a site sets in the plugin options as they are: JSON values, which Gatsby can
 * carry to the browser. Every other core option is code (plugins, callbacks, seams) and comes
 * from the `pluginsModule`. The one list behind the plugin options type, `toNinetailedOptions`
 * and (checked by a test) `pluginOptionsSchema`.
 *
 * @example
 * JSON_CORE_OPTIONS.includes('clientId'); // true
 */
export const JSON_CORE_OPTIONS = [
  'clientId',
  'environment',
  'url',
  'locale',
  'requestTimeout',
  'componentViewTrackingThreshold',
  'componentHoverTrackingThreshold',
  'debug',
  'consent',
  'privacy',
] as const satisfies ReadonlyArray<keyof NinetailedOptions>;

/**
 * The core's own types for {@link JSON_CORE_OPTIONS} (`clientId` required, the rest optional).
 *
 * @example
 * const options: JsonCoreOptions = { clientId: 'demo', consent: 'required' };
 */
export type JsonCoreOptions = Pick<NinetailedOptions, (typeof JSON_CORE_OPTIONS)[number]>;
