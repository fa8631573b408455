import { describe, expect, it } from 'vitest';
import { type ExperienceInput, isExperienceEntry, mapExperience, NinetailedInputError } from '../src/index';

const v7Input = (): ExperienceInput<{ id: string; title: string }> => ({
  id: 'cta-test',
  name: 'Call to action copy',
  type: 'nt_experiment',
  audience: { id: 'news-readers', name: 'News readers' },
  config: {
    traffic: 0.9,
    distribution: [0.25, 0.25, 0.5],
    sticky: true,
    components: [
      {
        type: 'EntryReplacement',
        baseline: { id: 'cta-default' },
        variants: [
          { id: 'cta-bold', hidden: false },
          { id: 'cta-gone', hidden: true },
        ],
      },
      // v7's older components have no `type`.
      { baseline: { id: 'hero-default' }, variants: [{ id: 'hero-unknown', hidden: false }] },
      {
        type: 'InlineVariable',
        key: 'cta-color',
        valueType: 'String',
        baseline: { value: 'blue' },
        variants: [{ value: 'green' }],
      },
    ],
  },
  variants: [
    { id: 'cta-bold', title: 'Buy now' },
    { id: 'cta-gone', title: 'never shown' },
  ],
});

describe('mapExperience (v7 plain input → ExperienceConfiguration)', () => {
  it('maps shares to ranges, traffic to trafficAllocation, and resolves visible variants to their entries', () => {
    expect(mapExperience(v7Input())).toEqual({
      id: 'cta-test',
      type: 'nt_experiment',
      name: 'Call to action copy',
      audience: { id: 'news-readers', name: 'News readers' },
      trafficAllocation: 0.9,
      distribution: [
        { index: 0, start: 0, end: 0.25 },
        { index: 1, start: 0.25, end: 0.5 },
        { index: 2, start: 0.5, end: 1 },
      ],
      sticky: true,
      components: [
        {
          type: 'EntryReplacement',
          baseline: { id: 'cta-default' },
          variants: [
            { id: 'cta-bold', title: 'Buy now' },
            { id: 'cta-gone', hidden: true },
          ],
        },
        {
          type: 'EntryReplacement',
          baseline: { id: 'hero-default' },
          variants: [{ id: 'hero-unknown', hidden: false }],
        },
        v7Input().config.components![2],
      ],
    });
  });

  it("makes v7's personalization [0, 1] a zero-width baseline; traffic defaults to 0; no audience is null", () => {
    const mapped = mapExperience({ id: 'p', type: 'nt_personalization', config: { distribution: [0, 1] } });
    expect(mapped).toMatchObject({
      trafficAllocation: 0,
      audience: null,
      distribution: [
        { index: 0, start: 0, end: 0 },
        { index: 1, start: 0, end: 1 },
      ],
      components: [],
    });
  });

  it('refuses bad input with a NinetailedInputError naming the field', () => {
    const cases: Array<[unknown, string]> = [
      [null, 'id'],
      [{ ...v7Input(), id: '' }, 'id'],
      [{ ...v7Input(), type: 'nt_other' }, 'type'],
      [{ ...v7Input(), audience: { name: 'no id' } }, 'audience'],
      [{ ...v7Input(), config: undefined }, 'config'],
      [{ ...v7Input(), config: { traffic: 2 } }, 'config.traffic'],
      [{ ...v7Input(), config: { traffic: '0.5' } }, 'config.traffic'],
      [{ ...v7Input(), config: { distribution: [0.5, -0.5] } }, 'config.distribution'],
      [{ ...v7Input(), config: { components: {} } }, 'config.components'],
      [{ ...v7Input(), config: { components: [{ baseline: {}, variants: [] }] } }, 'config.components[0]'],
      [{ ...v7Input(), variants: [{ title: 'no id' }] }, 'variants'],
    ];
    for (const [input, field] of cases) {
      let error: unknown;
      try {
        mapExperience(input as ExperienceInput);
      } catch (e) {
        error = e;
      }
      expect(error, field).toBeInstanceOf(NinetailedInputError);
      expect((error as NinetailedInputError).argument).toBe(field);
      expect((error as Error).message).toMatch(
        new RegExp(`^\\[ninetailed\\] ${field.replace(/[[\]]/g, '\\$&')}: must be `),
      );
      expect(isExperienceEntry(input)).toBe(false);
    }
    expect(isExperienceEntry(v7Input())).toBe(true);
  });
});
