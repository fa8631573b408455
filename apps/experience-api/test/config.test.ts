import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig, validateConfig } from '../src/index';
import { startServer } from '../src/server';
import { tempDir } from './helpers';

const withRule = (rule: unknown) => ({
  organizations: {
    demo: {
      environments: {
        main: {
          audiences: [
            { id: 'a', rule: { trait: { key: 'x', eq: 1 } } },
            { id: 'b', rule: { page: {} } },
            { id: 'c', rule },
          ],
        },
      },
    },
  },
});

const AT = 'organizations.demo.environments.main.audiences[2].rule';

describe('configuration', () => {
  it('the bundled demo configuration is valid and has the audiences the example apps use', () => {
    const config = loadConfig(DEFAULT_CONFIG_FILE);
    const ids = config.organizations.demo?.environments.main?.audiences.map((a) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining(['news-readers', 'cart-adders', 'red-fans', 'returning', 'blog-readers']),
    );
  });

  it.each([
    [{ trait: { key: 'favoriteColor', equals: 'red' } }, `${AT}.trait: unknown operator "equals"`],
    [{ trait: { eq: 'red' } }, `${AT}.trait.key: must be a dot path string`],
    [{ trait: { key: 'a', eq: 1, ne: 2 } }, `${AT}.trait: must have exactly one operator`],
    [{ trait: { key: 'a', in: 'x' } }, `${AT}.trait.in: must be an array`],
    [{ page: { count: { atLeast: 3 } } }, `${AT}.page.count: unknown operator "atLeast"`],
    [{ page: { count: { gte: -1 } } }, `${AT}.page.count.gte: must be a non-negative integer`],
    [
      { page: { where: { path: { startsWith: '/' } } } },
      `${AT}.page.where.path: unknown operator "startsWith"`,
    ],
    [{ page: { withinDays: 0 } }, `${AT}.page.withinDays: must be a positive number`],
    [{ page: { filter: {} } }, `${AT}.page: unknown key "filter"`],
    [{ track: { count: { gte: 1 } } }, `${AT}.track.event: must be a non-empty event name`],
    [{ session: {} }, `${AT}.session: must set isReturningVisitor or count`],
    [{ session: { isReturningVisitor: 'yes' } }, `${AT}.session.isReturningVisitor: must be a boolean`],
    [{ campaign: { name: 3 } }, `${AT}.campaign.name: must be a string`],
    [{ referrer: { equals: 'x' } }, `${AT}.referrer: unknown key "equals"`],
    [{ location: { planet: 'earth' } }, `${AT}.location: unknown key "planet"`],
    [{ all: [] }, `${AT}.all: must be a non-empty array of rules`],
    [{ any: [{ trait: { key: 'a', eq: 1 } }, { nope: {} }] }, `${AT}.any[1]: unknown rule "nope"`],
    [{ not: { page: {}, track: { event: 'x' } } }, `${AT}.not: must have exactly one of`],
    [{}, `${AT}: must have exactly one of`],
    ['rule', `${AT}: must be an object`],
  ])('refuses %j naming the bad path', (rule, message) => {
    expect(() => validateConfig(withRule(rule))).toThrow(ConfigError);
    expect(() => validateConfig(withRule(rule))).toThrow(message);
  });

  it.each([
    [null, '(root): must be an object'],
    [{}, 'organizations: must be an object'],
    [{ organizations: { demo: {} } }, 'organizations.demo.environments: must be an object'],
    [
      { organizations: { demo: { environments: { main: {} } } } },
      'organizations.demo.environments.main.audiences: must be an array',
    ],
    [{ organizations: { 'bad id!': { environments: {} } } }, 'organizations.bad id!: must be named by'],
    [{ organizations: {}, extra: 1 }, '(root): unknown key "extra"'],
    [
      {
        organizations: {
          d: {
            environments: {
              m: {
                audiences: [
                  { id: 'x', rule: { page: {} } },
                  { id: 'x', rule: { page: {} } },
                ],
              },
            },
          },
        },
      },
      'organizations.d.environments.m.audiences[1].id: duplicate audience id "x"',
    ],
    [
      { organizations: { d: { environments: { m: { audiences: [{ id: '', rule: { page: {} } }] } } } } },
      'organizations.d.environments.m.audiences[0].id: must be a non-empty id',
    ],
  ])('refuses a malformed structure %j', (config, message) => {
    expect(() => validateConfig(config)).toThrow(message);
  });

  it('names the file and the bad path when loading from a file, and refuses to start', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(withRule({ trait: { key: 'favoriteColor', equals: 'red' } })));
    expect(() => loadConfig(file)).toThrow(
      `[ninetailed] invalid Experience API configuration (${file}): ${AT}.trait: unknown operator "equals"`,
    );
    await expect(
      startServer({ port: 0, config: file, databaseFile: join(dir, 'x.db'), logger: false }),
    ).rejects.toThrow(ConfigError);

    writeFileSync(file, '{ not json');
    expect(() => loadConfig(file)).toThrow(/bad\.json is not valid JSON/);
    expect(() => loadConfig(join(dir, 'missing.json'))).toThrow(/cannot read .*missing\.json/);
  });
});
