import type { GatsbyNode } from 'gatsby';
import { resolvePluginsModule } from './resolvePluginsModule';

const hint = 'Set it in the options of "@ninetailed/experience.js-gatsby" in gatsby-config.';

/**
 * Validates the plugin options at build time (Gatsby calls it while loading plugins), so a
 * missing `clientId`, a bad `url` or a `pluginsModule` that does not exist stops the build
 * with a message that names the option.
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
        'string.empty': '[ninetailed] "clientId" must not be empty: set it to your Ninetailed API key.',
        'string.min': '[ninetailed] "clientId" must not be empty: set it to your Ninetailed API key.',
        'string.base': '[ninetailed] "clientId" must be a string (your Ninetailed API key).',
      }),
    environment: Joi.string().trim().min(1).description('Ninetailed environment, default "main".').messages({
      'string.empty': '[ninetailed] "environment" must not be empty: leave it out for "main".',
      'string.min': '[ninetailed] "environment" must not be empty: leave it out for "main".',
      'string.base': '[ninetailed] "environment" must be a string, for example "main".',
    }),
    url: Joi.string()
      .uri({ scheme: ['http', 'https'] })
      .description('Experience API base URL, default https://experience.ninetailed.co.')
      .messages({
        'string.uri': '[ninetailed] "url" must be an http(s) URL, for example "http://127.0.0.1:3030".',
        'string.uriCustomScheme':
          '[ninetailed] "url" must be an http(s) URL, for example "http://127.0.0.1:3030".',
        'string.empty': '[ninetailed] "url" must not be empty: leave it out for the hosted Experience API.',
        'string.base': '[ninetailed] "url" must be a string.',
      }),
    locale: Joi.string().min(1).description('BCP 47 locale for location names, for example "de-DE".'),
    requestTimeout: Joi.number()
      .integer()
      .positive()
      .description('Request timeout in milliseconds.')
      .messages({ 'number.base': '[ninetailed] "requestTimeout" must be a number of milliseconds.' }),
    debug: Joi.boolean().description('Log what the SDK does.'),
    consent: Joi.string()
      .valid('granted', 'required')
      .description('"required" holds events until consent(true).')
      .messages({ 'any.only': '[ninetailed] "consent" must be "granted" or "required".' }),
    privacy: Joi.object({
      contactInfo: Joi.string()
        .valid('warn', 'strip', 'allow')
        .messages({ 'any.only': '[ninetailed] "privacy.contactInfo" must be "warn", "strip" or "allow".' }),
    }).description('Guard for contact info in traits and aliases, default { contactInfo: "warn" }.'),
    pageContextProperties: Joi.array()
      .items(Joi.string().min(1))
      .unique()
      .description('pageContext keys copied into the page event properties, for example ["category"].')
      .messages({
        'array.base':
          '[ninetailed] "pageContextProperties" must be an array of pageContext keys, for example ["category"].',
        'string.base': '[ninetailed] "pageContextProperties" must hold strings (pageContext keys).',
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
        // {{#x}}: Joi template values, so a path with braces cannot break the message.
        'any.invalid':
          '[ninetailed] "pluginsModule" names no file: "{{#value}}" (looked for it from "{{#cwd}}", with and ' +
          "without .ts/.tsx/.js/.jsx/.mjs/.cjs). Use require.resolve('./src/ninetailed-plugins') or a path " +
          'relative to the site root.',
      }),
  });
