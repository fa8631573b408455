import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, validateConfig } from '../src/config/config';

const AT = 'organizations.demo.environments.main.experiences';

type Json = Record<string, unknown>;

const hero = (): Json => ({
  id: 'hero-test',
  type: 'nt_experiment',
  name: 'Hero copy',
  audience: { id: 'news-readers' },
  trafficAllocation: 0.9,
  distribution: [
    { index: 0, start: 0, end: 0.5 },
    { index: 1, start: 0.5, end: 1 },
  ],
  sticky: false,
  components: [
    { type: 'EntryReplacement', baseline: { id: 'hero-a' }, variants: [{ id: 'hero-b', hidden: false }] },
    {
      type: 'InlineVariable',
      key: 'cta-color',
      valueType: 'String',
      baseline: { value: 'blue' },
      variants: [{ value: 'green' }],
    },
  ],
});

const config = (experiences: unknown) => ({
  organizations: {
    demo: {
      environments: {
        main: {
          audiences: [
            { id: 'news-readers', rule: { page: { where: { category: 'news' }, count: { gte: 3 } } } },
            { id: 'red-fans', rule: { trait: { key: 'favoriteColor', eq: 'red' } } },
          ],
          experiences,
        },
      },
    },
  },
});

/** The message validateConfig throws, or `undefined` when the configuration is valid. */
function problem(experiences: unknown): string | undefined {
  try {
    validateConfig(config(experiences));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const refused = (path: string, message: string) =>
  `[ninetailed] invalid Experience API configuration: ${AT}${path}: ${message}`;

describe('experience definitions in the configuration (section 8)', () => {
  it('accepts the section 8 example, zero-width entries, no audience, null audience and no experiences', () => {
    expect(problem([hero()])).toBeUndefined();
    expect(
      problem([
        {
          ...hero(),
          type: 'nt_personalization',
          audience: null,
          distribution: [
            { index: 0, start: 0, end: 0 },
            { index: 1, start: 0, end: 1 },
          ],
        },
        { ...hero(), id: 'everyone', audience: undefined, sticky: undefined, components: [] },
      ]),
    ).toBeUndefined();
    // v7's mapper sums shares: 0.1 + 0.2 = 0.30000000000000004 still meets 0.3 (rounding slack).
    expect(
      problem([
        {
          ...hero(),
          distribution: [
            { index: 0, start: 0, end: 0.1 },
            { index: 1, start: 0.1, end: 0.30000000000000004 },
            { index: 2, start: 0.3, end: 1 },
          ],
          components: [
            {
              type: 'EntryReplacement',
              baseline: { id: 'a' },
              variants: [{ id: 'b' }, { id: 'c', hidden: true }],
            },
          ],
        },
      ]),
    ).toBeUndefined();
    // Entries listed out of order are fine: the ranges, not the list, must tile [0, 1].
    expect(
      problem([
        {
          ...hero(),
          distribution: [
            { index: 1, start: 0.5, end: 1 },
            { index: 0, start: 0, end: 0.5 },
          ],
        },
      ]),
    ).toBeUndefined();
    expect(validateConfig({ organizations: { d: { environments: { m: { audiences: [] } } } } })).toBeTruthy();
  });

  it('the demo configuration holds the contract experiences exactly', () => {
    const demo = loadConfig(join(import.meta.dirname, '..', 'config', 'demo.json'));
    const experiences = demo.organizations.demo?.environments.main?.experiences ?? [];
    expect(experiences.map((e) => [e.id, e.type, e.audience?.id ?? null, e.sticky])).toEqual([
      ['news-hero', 'nt_personalization', 'news-readers', false],
      ['cta-test', 'nt_experiment', null, true],
    ]);
    expect(experiences[1]?.components).toEqual([
      {
        type: 'EntryReplacement',
        baseline: { id: 'cta-default' },
        variants: [{ id: 'cta-bold', hidden: false }],
      },
      {
        type: 'InlineVariable',
        key: 'cta-color',
        valueType: 'String',
        baseline: { value: 'blue' },
        variants: [{ value: 'green' }],
      },
    ]);
  });

  const distribution = (...entries: [number, number, number][]) =>
    entries.map(([index, start, end]) => ({ index, start, end }));

  it.each<[string, unknown, string, string]>([
    ['not an array', {}, '', 'must be an array of experiences'],
    [
      'an unknown key',
      [{ ...hero(), traffic: 1 }],
      '[0]',
      'unknown key "traffic" (expected id, type, name, description, audience, trafficAllocation, distribution, sticky, components)',
    ],
    [
      'a bad id',
      [{ ...hero(), id: '' }],
      '[0].id',
      'must be a non-empty id of letters, digits, ".", "_", ":" or "-"',
    ],
    ['a duplicate id', [hero(), hero()], '[1].id', 'duplicate experience id "hero-test"'],
    [
      'an unknown type',
      [{ ...hero(), type: 'ab-test' }],
      '[0].type',
      'must be "nt_personalization" or "nt_experiment"',
    ],
    ['a name that is not a string', [{ ...hero(), name: 3 }], '[0].name', 'must be a string'],
    [
      'an unknown audience',
      [hero(), { ...hero(), id: 'x', audience: { id: 'newsreaders' } }],
      '[1].audience.id',
      'unknown audience "newsreaders" (this environment\'s audiences: "news-readers", "red-fans")',
    ],
    [
      'an audience that is a string',
      [{ ...hero(), audience: 'news-readers' }],
      '[0].audience',
      'must be an object',
    ],
    [
      'no trafficAllocation',
      [{ ...hero(), trafficAllocation: undefined }],
      '[0].trafficAllocation',
      'is required',
    ],
    [
      'trafficAllocation above 1',
      [{ ...hero(), trafficAllocation: 1.5 }],
      '[0].trafficAllocation',
      'must be a number from 0 to 1',
    ],
    [
      'trafficAllocation as a string',
      [{ ...hero(), trafficAllocation: '0.5' }],
      '[0].trafficAllocation',
      'must be a number from 0 to 1',
    ],
    [
      'an empty distribution',
      [{ ...hero(), distribution: [] }],
      '[0].distribution',
      'must be a non-empty array of { index, start, end }',
    ],
    [
      'a gap',
      [{ ...hero(), distribution: distribution([0, 0, 0.5], [1, 0.6, 1]) }],
      '[0].distribution',
      'leaves a gap between 0.5 and 0.6',
    ],
    [
      'a gap at the start',
      [{ ...hero(), distribution: distribution([0, 0.1, 0.5], [1, 0.5, 1]) }],
      '[0].distribution',
      'leaves a gap between 0 and 0.1',
    ],
    [
      'a gap at the end',
      [{ ...hero(), distribution: distribution([0, 0, 0.5], [1, 0.5, 0.9]) }],
      '[0].distribution',
      'leaves a gap between 0.9 and 1',
    ],
    [
      'an overlap',
      [{ ...hero(), distribution: distribution([0, 0, 0.6], [1, 0.5, 1]) }],
      '[0].distribution',
      'has ranges overlapping between 0.5 and 0.6',
    ],
    [
      'a zero-width entry inside another range',
      [{ ...hero(), distribution: distribution([0, 0, 1], [1, 0.5, 0.5]) }],
      '[0].distribution',
      'has ranges overlapping between 0.5 and 1',
    ],
    [
      'a start after its end',
      [{ ...hero(), distribution: distribution([0, 0, 0.5], [1, 1, 0.5]) }],
      '[0].distribution[1]',
      'starts at 1, after its end 0.5',
    ],
    [
      'an end above 1',
      [{ ...hero(), distribution: distribution([0, 0, 0.5], [1, 0.5, 1.2]) }],
      '[0].distribution[1].end',
      'must be a number from 0 to 1',
    ],
    [
      'a duplicate index',
      [{ ...hero(), distribution: distribution([0, 0, 0.5], [0, 0.5, 1]) }],
      '[0].distribution[1].index',
      'duplicate index 0',
    ],
    [
      'an index out of range',
      [{ ...hero(), distribution: distribution([0, 0, 0.5], [2, 0.5, 1]) }],
      '[0].distribution[1].index',
      'is 2, but 2 entries take the indexes 0 to 1',
    ],
    [
      'a fractional index',
      [{ ...hero(), distribution: distribution([0, 0, 0.5], [1.5, 0.5, 1]) }],
      '[0].distribution[1].index',
      'must be a non-negative integer',
    ],
    ['sticky as a string', [{ ...hero(), sticky: 'yes' }], '[0].sticky', 'must be a boolean'],
    [
      'components that are not an array',
      [{ ...hero(), components: {} }],
      '[0].components',
      'must be an array of components',
    ],
    [
      'an unknown component type',
      [{ ...hero(), components: [{ type: 'Swap' }] }],
      '[0].components[0].type',
      'unknown component type "Swap" (expected EntryReplacement or InlineVariable)',
    ],
    [
      'a baseline without id',
      [{ ...hero(), components: [{ type: 'EntryReplacement', baseline: {}, variants: [{ id: 'b' }] }] }],
      '[0].components[0].baseline.id',
      'must be a non-empty string',
    ],
    [
      'a variant without id',
      [
        {
          ...hero(),
          components: [{ type: 'EntryReplacement', baseline: { id: 'a' }, variants: [{ hidden: true }] }],
        },
      ],
      '[0].components[0].variants[0].id',
      'must be a non-empty string',
    ],
    [
      'hidden that is not a boolean',
      [
        {
          ...hero(),
          components: [
            { type: 'EntryReplacement', baseline: { id: 'a' }, variants: [{ id: 'b', hidden: 'no' }] },
          ],
        },
      ],
      '[0].components[0].variants[0].hidden',
      'must be a boolean',
    ],
    [
      'variants not matching the distribution',
      [
        {
          ...hero(),
          components: [
            { type: 'EntryReplacement', baseline: { id: 'a' }, variants: [{ id: 'b' }, { id: 'c' }] },
          ],
        },
      ],
      '[0].components[0].variants',
      'holds 2 variant(s), but the distribution has 2 entries (expected 1: one per index after the baseline)',
    ],
    [
      'a duplicate baseline',
      [{ ...hero(), components: [hero().components, hero().components].map((c) => (c as Json[])[0]) }],
      '[0].components[1].baseline.id',
      'duplicate baseline "hero-a" in this experience',
    ],
    [
      'a variable without key',
      [
        {
          ...hero(),
          components: [
            {
              type: 'InlineVariable',
              valueType: 'String',
              baseline: { value: 'a' },
              variants: [{ value: 'b' }],
            },
          ],
        },
      ],
      '[0].components[0].key',
      'must be a non-empty string',
    ],
    [
      'an unknown valueType',
      [
        {
          ...hero(),
          components: [
            {
              type: 'InlineVariable',
              key: 'k',
              valueType: 'Text',
              baseline: { value: 'a' },
              variants: [{ value: 'b' }],
            },
          ],
        },
      ],
      '[0].components[0].valueType',
      'must be "String", "Object", "Boolean" or "Number"',
    ],
    [
      'a value of the wrong type',
      [
        {
          ...hero(),
          components: [
            {
              type: 'InlineVariable',
              key: 'k',
              valueType: 'Number',
              baseline: { value: 1 },
              variants: [{ value: '2' }],
            },
          ],
        },
      ],
      '[0].components[0].variants[0].value',
      'must be a finite number (valueType "Number")',
    ],
    [
      'an Object value that is an array',
      [
        {
          ...hero(),
          components: [
            {
              type: 'InlineVariable',
              key: 'k',
              valueType: 'Object',
              baseline: { value: [] },
              variants: [{ value: {} }],
            },
          ],
        },
      ],
      '[0].components[0].baseline.value',
      'must be an object (valueType "Object")',
    ],
    [
      'a missing baseline value',
      [
        {
          ...hero(),
          components: [
            {
              type: 'InlineVariable',
              key: 'k',
              valueType: 'Boolean',
              baseline: {},
              variants: [{ value: true }],
            },
          ],
        },
      ],
      '[0].components[0].baseline.value',
      'is required',
    ],
    [
      'a duplicate variable key',
      [{ ...hero(), components: [hero().components, hero().components].map((c) => (c as Json[])[1]) }],
      '[0].components[1].key',
      'duplicate variable key "cta-color" in this experience',
    ],
  ])('refuses %s, naming the path', (_what, experiences, path, message) => {
    expect(problem(experiences)).toBe(refused(path, message));
  });
});
