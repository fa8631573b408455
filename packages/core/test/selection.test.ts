import fc from 'fast-check';
import murmurhash from 'murmurhash-js';
import { describe, expect, it } from 'vitest';
import {
  type ExperienceConfiguration,
  murmur3,
  type SelectedVariantInfo,
  selectDistribution,
  selectExperience,
  selectExperienceVariant,
} from '../src/index';
import fixture from './fixtures/selection-vectors.json';

const experiences = fixture.experiences as ExperienceConfiguration[];
const visitor = (stableId: string, audiences: string[] = []) => ({ stableId, audiences });

describe('murmur3 (murmurhash-js semantics)', () => {
  it('gives the test vector of experience-api.md section 8', () => {
    expect(murmur3('traffic-hero-test-abc')).toBe(715896011);
    expect(murmur3('traffic-hero-test-abc', 0) / 4294967295).toBe(0.16668252906917652);
  });

  it('agrees with the murmurhash-js package on every string and seed (code units > 255 keep their low byte)', () => {
    for (const key of ['', 'a', 'ab', 'abc', 'abcd', 'abcde', 'é€😀xy', 'x'.repeat(33)]) {
      expect(murmur3(key)).toBe(murmurhash.murmur3(key, 0));
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), fc.nat(), (key, seed) => {
        expect(murmur3(key, seed)).toBe(murmurhash.murmur3(key, seed));
        expect(murmur3(key)).toBe(murmurhash.murmur3(key, 0));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('selection vectors shared with the server (test/fixtures/selection-vectors.json)', () => {
  it('holds 20 stable ids × 2 experiences, covering holdout, audience miss and every index', () => {
    expect(fixture.vectors).toHaveLength(40);
    const indexes = new Set(fixture.vectors.map((v) => v.variantIndex));
    expect(indexes).toEqual(new Set([null, 0, 1, 2]));
    expect(fixture.vectors.some((v) => v.audiences.length && !v.entered)).toBe(true); // holdout
  });

  it('the SDK computes each vector, and the murmurhash-js oracle with the spec arithmetic agrees', () => {
    for (const v of fixture.vectors) {
      const experience = experiences.find((e) => e.id === v.experienceId)!;
      const profile = visitor(v.stableId, v.audiences);
      // The oracle: section 8 written out with murmurhash-js.
      const traffic = murmurhash.murmur3(`traffic-${experience.id}-${v.stableId}`, 0) / 4294967295;
      const random = murmurhash.murmur3(`distribution-${experience.id}-${v.stableId}`, 0) / 4294967295;
      const entered =
        experience.trafficAllocation > traffic &&
        (!experience.audience || v.audiences.includes(experience.audience.id));
      const oracleIndex = entered
        ? (experience.distribution.find((d) => d.start <= random && random <= d.end)?.index ?? 0)
        : null;
      expect([traffic, random, entered, oracleIndex]).toEqual([
        v.trafficRandom,
        v.distributionRandom,
        v.entered,
        v.variantIndex,
      ]);
      // The SDK.
      expect(selectExperience({ experiences: [experience], profile })?.id ?? null).toBe(
        v.entered ? experience.id : null,
      );
      if (v.entered) expect(selectDistribution({ experience, profile }).index).toBe(v.variantIndex);
      const baseline = { id: (experience.components[0] as { baseline: { id: string } }).baseline.id };
      const local = selectExperienceVariant({ baseline, experiences, profile, evaluateLocally: true });
      expect([local.experience?.id ?? null, local.experience ? local.variantIndex : null]).toEqual(
        v.entered ? [experience.id, v.variantIndex] : [null, null],
      );
    }
  });
});

const experiment = (over: Partial<ExperienceConfiguration> = {}): ExperienceConfiguration => ({
  id: 'cta-test',
  type: 'nt_experiment',
  trafficAllocation: 1,
  distribution: [
    { index: 0, start: 0, end: 0.5 },
    { index: 1, start: 0.5, end: 1 },
  ],
  components: [
    {
      type: 'EntryReplacement',
      baseline: { id: 'cta-default' },
      variants: [{ id: 'cta-bold', hidden: false }],
    },
  ],
  ...over,
});

describe('selectExperience and selectDistribution', () => {
  it('needs the audience and the traffic allocation; the first entered experience in list order wins', () => {
    const profile = visitor('abc', ['news-readers']);
    const forNews = experiment({ id: 'for-news', audience: { id: 'news-readers' } });
    const forOthers = experiment({ id: 'for-others', audience: { id: 'others' } });
    const nobody = experiment({ id: 'nobody', trafficAllocation: 0 });
    expect(selectExperience({ experiences: [forOthers, nobody, forNews], profile })?.id).toBe('for-news');
    expect(selectExperience({ experiences: [forNews, experiment()], profile })?.id).toBe('for-news');
    expect(selectExperience({ experiences: [forNews], profile: visitor('abc') })).toBeNull();
    expect(selectExperience({ experiences: [experiment()], profile: null })).toBeNull();
    // `audience: null` is all visitors.
    expect(selectExperience({ experiences: [experiment({ audience: null })], profile })?.id).toBe('cta-test');
  });

  it('the traffic allocation compares with trafficRandom (holdout when trafficRandom >= allocation)', () => {
    // traffic-hero-test-abc → 0.16668…
    const profile = visitor('abc');
    expect(
      selectExperience({
        experiences: [experiment({ id: 'hero-test', trafficAllocation: 0.1667 })],
        profile,
      }),
    ).not.toBeNull();
    expect(
      selectExperience({
        experiences: [experiment({ id: 'hero-test', trafficAllocation: 0.1666 })],
        profile,
      }),
    ).toBeNull();
  });

  it('picks the range holding distributionRandom; zero-width ranges and the lower index on a boundary', () => {
    const profile = visitor('abc');
    const random = murmur3('distribution-e-abc') / 4294967295;
    const at = (distribution: ExperienceConfiguration['distribution']) =>
      selectDistribution({ experience: experiment({ id: 'e', distribution }), profile }).index;
    // v7's mapping of [0, 1]: index 0 is empty, everyone gets index 1.
    expect(
      at([
        { index: 0, start: 0, end: 0 },
        { index: 1, start: 0, end: 1 },
      ]),
    ).toBe(1);
    // A shared boundary exactly at the random number: the lower index wins, in any list order.
    const split = [
      { index: 1, start: random, end: 1 },
      { index: 0, start: 0, end: random },
    ];
    expect(at(split)).toBe(0);
    expect(
      at([
        { index: 2, start: random, end: 1 },
        { index: 1, start: 0, end: random },
      ]),
    ).toBe(1);
    // No range holds it: the baseline.
    expect(at([{ index: 1, start: 2, end: 3 }])).toBe(0);
    expect(at([])).toBe(0);
    expect(selectDistribution({ experience: experiment(), profile: null }).index).toBe(0);
  });
});

describe('selectExperienceVariant', () => {
  const baseline = { id: 'hero-default', title: 'Welcome' };
  const hero = (id: string, over: Partial<ExperienceConfiguration<{ id: string; title: string }>> = {}) =>
    ({
      id,
      type: 'nt_personalization',
      audience: { id: 'news-readers' },
      trafficAllocation: 1,
      distribution: [
        { index: 0, start: 0, end: 0 },
        { index: 1, start: 0, end: 1 },
      ],
      components: [
        {
          type: 'InlineVariable',
          key: 'k',
          valueType: 'String',
          baseline: { value: 'a' },
          variants: [{ value: 'b' }],
        },
        {
          type: 'EntryReplacement',
          baseline: { id: 'hero-default' },
          variants: [{ id: `${id}-variant`, title: `${id}!` }],
        },
      ],
      ...over,
    }) as ExperienceConfiguration<{ id: string; title: string }>;
  const profile = visitor('abc', ['news-readers']);
  const info = (experienceId: string, variantIndex: number): SelectedVariantInfo => ({
    experienceId,
    variantIndex,
    variants: {},
  });

  it('by default takes the API selection: the first listed experience for this baseline that the API selected', () => {
    const experiences = [hero('a'), hero('b'), hero('c')];
    const selection = selectExperienceVariant({
      baseline,
      experiences,
      profile,
      selectedVariants: [info('c', 1), info('b', 1)],
    });
    expect(selection).toEqual({
      experience: experiences[1],
      variant: { id: 'b-variant', title: 'b!' },
      variantIndex: 1,
      audience: { id: 'news-readers' },
      isPersonalized: true,
    });
  });

  it('ignores experiences without a component for this baseline, and the profile for the index', () => {
    const other = hero('other', {
      components: [
        { type: 'EntryReplacement', baseline: { id: 'cta-default' }, variants: [{ id: 'x', hidden: false }] },
      ],
    });
    const selection = selectExperienceVariant({
      baseline,
      experiences: [other, hero('a')],
      profile: visitor('abc'), // not in the audience: the API's word counts, not local evaluation
      selectedVariants: [info('other', 1), info('a', 1)],
    });
    expect([selection.experience?.id, selection.variantIndex]).toEqual(['a', 1]);
  });

  it('index 0 (control group): the baseline, still in the experience; no audience: ALL_VISITORS', () => {
    const selection = selectExperienceVariant({
      baseline,
      experiences: [hero('a', { audience: undefined })],
      profile,
      selectedVariants: [info('a', 0)],
    });
    expect(selection).toMatchObject({
      variant: baseline,
      variantIndex: 0,
      audience: { id: 'ALL_VISITORS' },
      isPersonalized: true,
    });
    expect(selection.experience?.id).toBe('a');
  });

  it('nothing selected, no profile, or an index without a variant: the baseline outside any experience', () => {
    const none = {
      experience: null,
      variant: baseline,
      variantIndex: 0,
      audience: null,
      isPersonalized: false,
    };
    const experiences = [hero('a')];
    expect(selectExperienceVariant({ baseline, experiences, profile, selectedVariants: [] })).toEqual(none);
    expect(selectExperienceVariant({ baseline, experiences, profile, selectedVariants: null })).toEqual(none);
    expect(
      selectExperienceVariant({ baseline, experiences, profile: null, selectedVariants: [info('a', 1)] }),
    ).toEqual(none);
    for (const index of [2, -1, 1.5]) {
      expect(
        selectExperienceVariant({ baseline, experiences, profile, selectedVariants: [info('a', index)] }),
      ).toEqual(none);
    }
    // Malformed definitions are skipped, never thrown on.
    const broken = [null, {}, { id: 'x', components: [null, { type: 'EntryReplacement' }] }] as never;
    expect(
      selectExperienceVariant({ baseline, experiences: broken, profile, selectedVariants: [info('x', 1)] }),
    ).toEqual(none);
    expect(selectExperienceVariant({ baseline, experiences: 'nope' as never, profile })).toEqual(none);
  });

  it('hands back a hidden variant as is (the binding renders nothing for it)', () => {
    const hidden = hero('a', {
      components: [
        { type: 'EntryReplacement', baseline: { id: 'hero-default' }, variants: [{ id: 'h', hidden: true }] },
      ],
    });
    const { variant } = selectExperienceVariant({
      baseline,
      experiences: [hidden],
      profile,
      selectedVariants: [info('a', 1)],
    });
    expect(variant).toEqual({ id: 'h', hidden: true });
  });

  it('evaluateLocally: the section 8 arithmetic on the profile instead of the API list', () => {
    const experiences = [hero('a', { audience: { id: 'others' } }), hero('b')];
    const local = selectExperienceVariant({
      baseline,
      experiences,
      profile,
      selectedVariants: [info('a', 1)],
      evaluateLocally: true,
    });
    expect([local.experience?.id, local.variantIndex, local.variant]).toEqual([
      'b',
      1,
      { id: 'b-variant', title: 'b!' },
    ]);
    // In the holdout: the baseline.
    const holdout = selectExperienceVariant({
      baseline,
      experiences: [hero('b', { trafficAllocation: 0 })],
      profile,
      evaluateLocally: true,
    });
    expect(holdout.experience).toBeNull();
  });
});
