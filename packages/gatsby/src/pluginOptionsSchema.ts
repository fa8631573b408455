import type { NinetailedOptions } from '@ninetailed/experience.js-react';
import type { GatsbyNode } from 'gatsby';
import { resolvePluginsModule } from './resolvePluginsModule';

const hint = 'Set it in the options of "@ninetailed/experience.js-gatsby" in gatsby-config.';

/**
 * Core options that are code. Gatsby sends plugin options to the browser as JSON, which drops
 * functions without a word, so these are refused with a pointer to `pluginsModule`.
 */
const CODE_OPTIONS = ['onError', 'onLog', 'fetch', 'storage', 'timers'] as const satisfies ReadonlyArray<
  keyof NinetailedOptions
>;

/**
 * v7's options that are code (v7 stringified them and rebuilt them with `new Function`), with
 * the name they have in the `pluginsModule`'s default export.
 */
const V7_CODE_OPTIONS: Record<string, string> = {
  onRouteChange: 'onRouteChange',
  onInitProfileId: 'onInitProfileId',
  buildClientContext: 'buildClientContext',
  storageImpl: 'storage',
  fetchImpl: 'fetch',
};

/** v7's options that have no equivalent here, with what to do instead. */
const V7_REFUSED_OPTIONS: Record<string, string> = {
  ninetailedPlugins:
    'v7 plugin packages are not loaded from gatsby-config. Construct your plugins in the module named by ' +
    '"pluginsModule" and export them there, as "plugins" in its default export (see the migration guide, Plugins).',
  preview: "Preview (Contentful's service) is not supported. Remove the option.",
  useSDKEvaluation:
    'It was deprecated in v7 and does nothing here. Remove it; to select variants yourself use selectExperienceVariant.',
};

// Joi reads `{...}` in a message as a template: these messages hold no literal braces.

/** The same message for every Joi error code of an option. */
const sameMessage = (message: string, ...codes: string[]): Record<string, string> =>
  Object.fromEntries(codes.map((code) => [code, message]));

/**
 * Validates the plugin options at build time (Gatsby calls it while loading plugins), so a
 * missing `clientId`, a bad `url`, a callback that JSON cannot carry or a `pluginsModule` that
 * does not exist stops the build with a `[ninetailed]` message that names the option and says
 * what to do.
 *
 * @example
 * import { testPluginOptionsSchema } from 'gatsby-plugin-utils';
 * import { pluginOptionsSchema } from './pluginOptionsSchema';
 *
 * const { isValid, errors } = await testPluginOptionsSchema(pluginOptionsSchema, { url: 'x' });
 * // isValid === false, errors[0] starts with '[ninetailed] "clientId" is required'
 */
export const pluginOptionsSchema: NonNullable<GatsbyNode['pluginOptionsSchema']> = ({ Joi }) =>
  Joi.object({
    clientId: Joi.string()
      .trim()
      .min(1)
      .required()
      .description('Your Ninetailed API key (organization id).')
      .messages({
        'any.required': `[ninetailed] "clientId" is required: set it to your Ninetailed API key, for example process.env.GATSBY_NINETAILED_CLIENT_ID. ${hint}`,
        ...sameMessage(
          '[ninetailed] "clientId" must not be empty: set it to your Ninetailed API key.',
          'string.empty',
          'string.min',
        ),
        'string.base': '[ninetailed] "clientId" must be a string (your Ninetailed API key).',
      }),
    environment: Joi.string()
      .trim()
      .min(1)
      .description('Ninetailed environment, default "main".')
      .messages({
        ...sameMessage(
          '[ninetailed] "environment" must not be empty: leave it out for "main".',
          'string.empty',
          'string.min',
        ),
        'string.base': '[ninetailed] "environment" must be a string, for example "main".',
      }),
    url: Joi.string()
      .uri({ scheme: ['http', 'https'] })
      .description('Experience API base URL, default https://experience.ninetailed.co.')
      .messages({
        ...sameMessage(
          '[ninetailed] "url" must be an http(s) URL, for example "http://127.0.0.1:3030".',
          'string.uri',
          'string.uriCustomScheme',
        ),
        'string.empty': '[ninetailed] "url" must not be empty: leave it out for the hosted Experience API.',
        'string.base': '[ninetailed] "url" must be a string.',
      }),
    locale: Joi.string()
      .min(1)
      .description('BCP 47 locale for location names, for example "de-DE".')
      .messages(
        sameMessage(
          '[ninetailed] "locale" must be a BCP 47 locale such as "de-DE"; leave it out for the default.',
          'string.base',
          'string.empty',
          'string.min',
        ),
      ),
    requestTimeout: Joi.number()
      .integer()
      .positive()
      .description('Request timeout in milliseconds.')
      .messages(
        sameMessage(
          '[ninetailed] "requestTimeout" must be a positive whole number of milliseconds, for example 5000.',
          'number.base',
          'number.integer',
          'number.positive',
          'number.infinity',
          'number.unsafe',
        ),
      ),
    ...Object.fromEntries(
      (['componentViewTrackingThreshold', 'componentHoverTrackingThreshold'] as const).map((option) => [
        option,
        Joi.number()
          .integer()
          .min(0)
          .description('Milliseconds a component must stay seen (hovered) for it to count, default 2000.')
          .messages(
            sameMessage(
              `[ninetailed] "${option}" must be a whole number of milliseconds, 0 or more, for example 2000.`,
              'number.base',
              'number.integer',
              'number.min',
              'number.infinity',
              'number.unsafe',
            ),
          ),
      ]),
    ),
    debug: Joi.boolean()
      .description('Log what the SDK does.')
      .messages({ 'boolean.base': '[ninetailed] "debug" must be true or false.' }),
    consent: Joi.any()
      .valid('granted', 'required')
      .description('"required" holds events until consent(true).')
      .messages({ 'any.only': '[ninetailed] "consent" must be "granted" or "required".' }),
    privacy: Joi.object({
      contactInfo: Joi.any()
        .valid('warn', 'strip', 'allow')
        .messages({ 'any.only': '[ninetailed] "privacy.contactInfo" must be "warn", "strip" or "allow".' }),
    })
      .description('Guard for contact info in traits and aliases, default { contactInfo: "warn" }.')
      .messages({
        'object.base':
          '[ninetailed] "privacy" must be an object with "contactInfo", for example contactInfo: "strip".',
        'object.unknown': '[ninetailed] {{#label}} is not a privacy option: the only one is "contactInfo".',
      }),
    pageContextProperties: Joi.array()
      .items(
        Joi.string()
          .min(1)
          .messages(
            sameMessage(
              '[ninetailed] "pageContextProperties" must hold pageContext keys (non-empty strings), for example ["category"].',
              'string.base',
              'string.empty',
              'string.min',
            ),
          ),
      )
      .unique()
      .description('pageContext keys copied into the page event properties, for example ["category"].')
      .messages({
        'array.base':
          '[ninetailed] "pageContextProperties" must be an array of pageContext keys, for example ["category"].',
        'array.unique': '[ninetailed] "pageContextProperties" lists "{{#value}}" twice.',
      }),
    pluginsModule: Joi.string()
      .min(1)
      .description(
        'Module (absolute or relative to the site) whose default export holds plugins and callbacks.',
      )
      .custom((value: string, helpers) =>
        resolvePluginsModule(value, process.cwd())
          ? value
          : helpers.error('any.invalid', { cwd: process.cwd() }),
      )
      .messages({
        'string.base': '[ninetailed] "pluginsModule" must be a path string.',
        ...sameMessage(
          '[ninetailed] "pluginsModule" must not be empty: leave it out, or name the module that exports your plugins and callbacks.',
          'string.empty',
          'string.min',
        ),
        // {{#x}}: Joi template values, so a path with braces cannot break the message.
        'any.invalid':
          '[ninetailed] "pluginsModule" names no file: "{{#value}}" (looked for it from "{{#cwd}}", with and ' +
          "without .ts/.tsx/.js/.jsx/.mjs/.cjs). Use require.resolve('./src/ninetailed-plugins') or a path " +
          'relative to the site root.',
      }),
    ...Object.fromEntries(
      Object.entries(V7_CODE_OPTIONS).map(([option, name]) => [
        option,
        Joi.any()
          .forbidden()
          .description(`v7's ${option}: give it as "${name}" in the pluginsModule.`)
          .messages({
            'any.unknown':
              `[ninetailed] "${option}" (v7) is code, which gatsby-config options cannot carry. Put it in the ` +
              `default export of the module named by "pluginsModule", as "${name}".`,
          }),
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(V7_REFUSED_OPTIONS).map(([option, instead]) => [
        option,
        Joi.any()
          .forbidden()
          .description(`v7's ${option}: not supported.`)
          .messages({ 'any.unknown': `[ninetailed] "${option}" (v7) is not supported. ${instead}` }),
      ]),
    ),
    ...Object.fromEntries(
      CODE_OPTIONS.map((option) => [
        option,
        Joi.any()
          .forbidden()
          .description('Code: give it in the pluginsModule, not here.')
          .messages({
            'any.unknown':
              `[ninetailed] "${option}" is code, which gatsby-config options cannot carry (Gatsby sends them ` +
              `to the browser as JSON). Put "${option}" in the default export of the module named by ` +
              '"pluginsModule" instead.',
          }),
      ]),
    ),
  });
