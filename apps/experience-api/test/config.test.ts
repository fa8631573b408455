import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/http/server';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig, validateConfig } from '../src/index';
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
    // Unknown leaf keys, leaf by leaf.
    [{ track: { event: 'x', since: 3 } }, `${AT}.track: unknown key "since"`],
    [{ trait: { key: 'a', eq: 1, label: 'x' } }, `${AT}.trait: unknown operator "label"`],
    [{ session: { isReturningVisitor: true, length: 1 } }, `${AT}.session: unknown key "length"`],
    [{ campaign: { name: 'x', utm_source: 'y' } }, `${AT}.campaign: unknown key "utm_source"`],
    // Unknown operators in every place an operator goes.
    [
      { track: { event: 'x', where: { price: { between: [1, 2] } } } },
      `${AT}.track.where.price: unknown operator "between"`,
    ],
    [{ session: { count: { gt: 1 } } }, `${AT}.session.count: unknown operator "gt"`],
    [
      { trait: { key: 'a' } },
      `${AT}.trait: must have exactly one operator of eq, ne, in, contains, gt, gte, lt, lte, exists (found none)`,
    ],
    [{ page: { where: { path: {} } } }, `${AT}.page.where.path: must have exactly one operator`],
    // Wrong types.
    [{ trait: { key: 7, eq: 1 } }, `${AT}.trait.key: must be a dot path string`],
    [{ trait: { key: 'a..b', eq: 1 } }, `${AT}.trait.key: must be a dot path string`],
    [{ trait: { key: 'a', exists: 'yes' } }, `${AT}.trait.exists: must be a boolean`],
    [{ trait: { key: 'a', gt: true } }, `${AT}.trait.gt: must be a number or a string`],
    [{ trait: { key: 'a', lte: null } }, `${AT}.trait.lte: must be a number or a string`],
    [{ page: { where: 'news' } }, `${AT}.page.where: must be an object`],
    [{ page: { where: { '': 1 } } }, `${AT}.page.where: key "" must be a property name or a dot path`],
    [{ page: { count: 3 } }, `${AT}.page.count: must be an object`],
    [{ page: { withinDays: '30' } }, `${AT}.page.withinDays: must be a positive number`],
    [{ track: { event: 42 } }, `${AT}.track.event: must be a non-empty event name`],
    [{ track: { event: 'x', withinDays: -1 } }, `${AT}.track.withinDays: must be a positive number`],
    [{ session: { count: { gte: '2' } } }, `${AT}.session.count.gte: must be a non-negative integer`],
    [{ referrer: { contains: 1 } }, `${AT}.referrer.contains: must be a string`],
    [{ referrer: {} }, `${AT}.referrer.contains: must be a string`],
    [{ location: { countryCode: ['DE'] } }, `${AT}.location.countryCode: must be a string`],
    [{ location: {} }, `${AT}.location: must set at least one of countryCode, city, region, continent`],
    [{ campaign: {} }, `${AT}.campaign: must set at least one of name, source, medium, term, content`],
    [{ not: [{ page: {} }] }, `${AT}.not: must be an object`],
    [{ all: { page: {} } }, `${AT}.all: must be a non-empty array of rules`],
    // Empty combinations and bad count bounds.
    [{ any: [] }, `${AT}.any: must be a non-empty array of rules`],
    [{ all: [{ any: [] }] }, `${AT}.all[0].any: must be a non-empty array of rules`],
    [{ page: { count: {} } }, `${AT}.page.count: must set at least one of gte, lte, eq`],
    [{ page: { count: { gte: 1.5 } } }, `${AT}.page.count.gte: must be a non-negative integer`],
    [{ page: { count: { gte: 5, lte: 2 } } }, `${AT}.page.count: gte (5) is greater than lte (2)`],
    [
      { track: { event: 'x', count: { eq: 1, gte: 2 } } },
      `${AT}.track.count: eq (1) is outside the gte/lte bounds`,
    ],
    // Nesting deeper than any real rule.
    [
      JSON.parse(`${'{"not":'.repeat(40)}{"page":{}}${'}'.repeat(40)}`),
      `${AT}${'.not'.repeat(33)}: rules nested deeper than 32 levels`,
    ],
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
    [
      {
        organizations: {
          d: { environments: { m: { audiences: [{ id: 'x', rule: { page: {} }, when: 1 }] } } },
        },
      },
      'organizations.d.environments.m.audiences[0]: unknown key "when"',
    ],
    [
      { organizations: { d: { environments: { m: { audiences: [{ id: 'x' }] } } } } },
      'organizations.d.environments.m.audiences[0].rule: must be an object',
    ],
    [
      {
        organizations: {
          d: { environments: { m: { audiences: [{ id: 'x', name: 1, rule: { page: {} } }] } } },
        },
      },
      'organizations.d.environments.m.audiences[0].name: must be a string',
    ],
    [
      { organizations: { d: { environments: { m: { audiences: [], variables: [] } } } } },
      'organizations.d.environments.m: unknown key "variables" (expected audiences, experiences, metrics)',
    ],
    [{ organizations: { d: { environments: {}, apiKey: 'x' } } }, 'organizations.d: unknown key "apiKey"'],
    [
      { organizations: { d: { environments: { 'a/b': { audiences: [] } } } } },
      'organizations.d.environments.a/b: must be named by',
    ],
    [
      JSON.parse('{"organizations":{"__proto__":{"environments":{}}}}'),
      'organizations.__proto__: must be named by',
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
