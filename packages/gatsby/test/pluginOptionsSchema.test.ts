// @vitest-environment node
import { fileURLToPath } from 'node:url';
import { testPluginOptionsSchema } from 'gatsby-plugin-utils';
import { describe, expect, it } from 'vitest';
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
    [
      { clientId: 'demo', requestTimeout: 'soon' },
      '[ninetailed] "requestTimeout" must be a number of milliseconds.',
    ],
  ])('refuses %j with a clear message', async (options, message) => {
    const result = await testPluginOptionsSchema(pluginOptionsSchema, options);
    expect(result.isValid).toBe(false);
    expect(result.errors).toEqual([message]);
  });

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

  it('warns (without failing) about an unknown option, such as a function that cannot travel as JSON', async () => {
    const result = await testPluginOptionsSchema(pluginOptionsSchema, { clientId: 'demo', onError: 'x' });
    expect(result.isValid).toBe(true);
    expect(result.hasWarnings).toBe(true);
    expect(result.warnings).toEqual(['"onError" is not allowed']);
  });
});
