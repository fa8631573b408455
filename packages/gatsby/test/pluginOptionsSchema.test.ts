// @vitest-environment node
import { fileURLToPath } from 'node:url';
import { testPluginOptionsSchema } from 'gatsby-plugin-utils';
import { describe, expect, it } from 'vitest';
import { JSON_CORE_OPTIONS } from '../src/jsonCoreOptions';
import { pluginOptionsSchema } from '../src/pluginOptionsSchema';

const fixture = fileURLToPath(new URL('./fixtures/ninetailed-plugins.ts', import.meta.url));

describe('pluginOptionsSchema', () => {
  it('accepts the minimal options: a clientId', async () => {
    const result = await testPluginOptionsSchema(pluginOptionsSchema, { clientId: 'demo' });
    expect(result).toEqual({ isValid: true, errors: [], hasWarnings: false, warnings: [] });
  });

  it('accepts every option with a valid value', async () => {
    const result = await testPluginOptionsSchema(pluginOptionsSchema, {
      clientId: 'demo',
      environment: 'main',
      url: 'http://127.0.0.1:3030',
      locale: 'de-DE',
      requestTimeout: 3000,
      debug: true,
      consent: 'required',
      privacy: { contactInfo: 'strip' },
      pageContextProperties: ['category', 'author'],
      pluginsModule: fixture,
    });
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
    expect(result.hasWarnings).toBe(false);
  });

  it('validates each JSON core option (the list the options type and toNinetailedOptions use)', async () => {
    for (const option of JSON_CORE_OPTIONS) {
      const result = await testPluginOptionsSchema(pluginOptionsSchema, { clientId: 'demo', [option]: [[]] });
      expect(result.isValid, option).toBe(false);
      expect(result.errors.join('\n'), option).toMatch(new RegExp(`^\\[ninetailed\\] "${option}"`));
    }
  });

  it('fails the build without a clientId, saying what to set', async () => {
    const result = await testPluginOptionsSchema(pluginOptionsSchema, { url: 'http://127.0.0.1:3030' });
    expect(result.isValid).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      /^\[ninetailed\] "clientId" is required: set it to your Ninetailed API key/,
    );
  });

  it.each([
    [{ clientId: '' }, '[ninetailed] "clientId" must not be empty: set it to your Ninetailed API key.'],
    [{ clientId: '   ' }, '[ninetailed] "clientId" must not be empty: set it to your Ninetailed API key.'],
    [{ clientId: 42 }, '[ninetailed] "clientId" must be a string (your Ninetailed API key).'],
    [
      { clientId: 'demo', environment: '' },
      '[ninetailed] "environment" must not be empty: leave it out for "main".',
    ],
    [
      { clientId: 'demo', url: 'localhost:3030' },
      '[ninetailed] "url" must be an http(s) URL, for example "http://127.0.0.1:3030".',
    ],
    [
      { clientId: 'demo', url: 'ftp://example.com' },
      '[ninetailed] "url" must be an http(s) URL, for example "http://127.0.0.1:3030".',
    ],
    [{ clientId: 'demo', consent: 'yes' }, '[ninetailed] "consent" must be "granted" or "required".'],
    [
      { clientId: 'demo', privacy: { contactInfo: 'hide' } },
      '[ninetailed] "privacy.contactInfo" must be "warn", "strip" or "allow".',
    ],
    [
      { clientId: 'demo', pageContextProperties: 'category' },
      '[ninetailed] "pageContextProperties" must be an array of pageContext keys, for example ["category"].',
    ],
    [{ clientId: 'demo', consent: 1 }, '[ninetailed] "consent" must be "granted" or "required".'],
    [
      { clientId: 'demo', privacy: { contactInfo: 1 } },
      '[ninetailed] "privacy.contactInfo" must be "warn", "strip" or "allow".',
    ],
    [
      { clientId: 'demo', privacy: 'strip' },
      '[ninetailed] "privacy" must be an object with "contactInfo", for example contactInfo: "strip".',
    ],
    [
      { clientId: 'demo', privacy: { mode: 'strip' } },
      '[ninetailed] "privacy.mode" is not a privacy option: the only one is "contactInfo".',
    ],
    [
      { clientId: 'demo', pageContextProperties: ['category', 'category'] },
      '[ninetailed] "pageContextProperties" lists "category" twice.',
    ],
    ...[[''], [1]].map((keys) => [
      { clientId: 'demo', pageContextProperties: keys },
      '[ninetailed] "pageContextProperties" must hold pageContext keys (non-empty strings), for example ["category"].',
    ]),
    ...['soon', -1, 0, 1.5].map((requestTimeout) => [
      { clientId: 'demo', requestTimeout },
      '[ninetailed] "requestTimeout" must be a positive whole number of milliseconds, for example 5000.',
    ]),
    [{ clientId: 'demo', debug: 'yes' }, '[ninetailed] "debug" must be true or false.'],
    ...['', 5].map((locale) => [
      { clientId: 'demo', locale },
      '[ninetailed] "locale" must be a BCP 47 locale such as "de-DE"; leave it out for the default.',
    ]),
    [
      { clientId: 'demo', pluginsModule: '' },
      '[ninetailed] "pluginsModule" must not be empty: leave it out, or name the module that exports your plugins and callbacks.',
    ],
  ] as Array<[Record<string, unknown>, string]>)(
    'refuses %j with a clear message',
    async (options, message) => {
      const result = await testPluginOptionsSchema(pluginOptionsSchema, options);
      expect(result.isValid).toBe(false);
      expect(result.errors).toEqual([message]);
    },
  );

  it('refuses a pluginsModule that names no file', async () => {
    const result = await testPluginOptionsSchema(pluginOptionsSchema, {
      clientId: 'demo',
      pluginsModule: './src/does-not-exist',
    });
    expect(result.isValid).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain('[ninetailed] "pluginsModule" names no file: "./src/does-not-exist"');
  });

  it('finds a pluginsModule without its extension, relative to the site root', async () => {
    const relative = 'test/fixtures/ninetailed-plugins'; // vitest runs in the package dir
    const result = await testPluginOptionsSchema(pluginOptionsSchema, {
      clientId: 'demo',
      pluginsModule: relative,
    });
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('reports every bad option at once', async () => {
    const result = await testPluginOptionsSchema(pluginOptionsSchema, { url: 'nope', consent: 'maybe' });
    expect(result.errors).toHaveLength(3);
  });

  it('warns (without failing) about an unknown option', async () => {
    const result = await testPluginOptionsSchema(pluginOptionsSchema, { clientId: 'demo', colour: 'red' });
    expect(result.isValid).toBe(true);
    expect(result.hasWarnings).toBe(true);
    expect(result.warnings).toEqual(['"colour" is not allowed']);
  });

  it.each(['onError', 'onLog', 'fetch', 'storage', 'timers'])(
    'refuses the code option "%s" (JSON would drop it) and points to pluginsModule',
    async (option) => {
      const result = await testPluginOptionsSchema(pluginOptionsSchema, {
        clientId: 'demo',
        [option]: () => {},
      });
      expect(result.isValid).toBe(false);
      expect(result.errors).toEqual([
        `[ninetailed] "${option}" is code, which gatsby-config options cannot carry (Gatsby sends them ` +
          `to the browser as JSON). Put "${option}" in the default export of the module named by ` +
          '"pluginsModule" instead.',
      ]);
    },
  );

  it.each([
    ['onRouteChange', 'onRouteChange'],
    ['onInitProfileId', 'onInitProfileId'],
    ['buildClientContext', 'buildClientContext'],
    ['storageImpl', 'storage'],
    ['fetchImpl', 'fetch'],
  ])('refuses v7\'s code option "%s" and names its place in the pluginsModule (%s)', async (option, name) => {
    const result = await testPluginOptionsSchema(pluginOptionsSchema, {
      clientId: 'demo',
      [option]: () => {},
    });
    expect(result.isValid).toBe(false);
    expect(result.errors).toEqual([
      `[ninetailed] "${option}" (v7) is code, which gatsby-config options cannot carry. Put it in the ` +
        `default export of the module named by "pluginsModule", as "${name}".`,
    ]);
  });

  it.each([
    [
      'ninetailedPlugins',
      [{ resolve: '@ninetailed/experience.js-plugin-google-tagmanager', options: {} }],
      /pluginsModule.*"plugins" in its default export/,
    ],
    ['preview', true, /Preview .*not supported/],
    ['useSDKEvaluation', true, /selectExperienceVariant/],
  ])('fails the build on v7\'s "%s" instead of letting it vanish', async (option, value, instead) => {
    const result = await testPluginOptionsSchema(pluginOptionsSchema, { clientId: 'demo', [option]: value });
    expect(result.isValid).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      new RegExp(`^\\[ninetailed\\] "${option}" \\(v7\\) is not supported\\.`),
    );
    expect(result.errors[0]).toMatch(instead);
  });

  it('takes the view and hover thresholds as JSON numbers', async () => {
    const result = await testPluginOptionsSchema(pluginOptionsSchema, {
      clientId: 'demo',
      componentViewTrackingThreshold: 0,
      componentHoverTrackingThreshold: 1500,
    });
    expect(result.errors).toEqual([]);
  });

  it('gives every error a [ninetailed] message that names the option', async () => {
    const result = await testPluginOptionsSchema(pluginOptionsSchema, {
      clientId: 7,
      environment: '',
      url: 'nope',
      locale: 1,
      requestTimeout: -5,
      debug: 'on',
      consent: 'maybe',
      privacy: { contactInfo: 'x', other: 1 },
      pageContextProperties: [''],
      pluginsModule: '',
      onError: () => {},
    });
    expect(result.isValid).toBe(false);
    expect(result.errors).toHaveLength(12);
    for (const error of result.errors) expect(error).toMatch(/^\[ninetailed\] "[a-zA-Z.]+"/);
  });
});
