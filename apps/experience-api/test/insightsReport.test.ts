import { describe, expect, it } from 'vitest';
import { buildAudienceReport } from '../src/domain/insights/audienceReport';
import { buildReport, buildReportFromFacts } from '../src/domain/insights/buildReport';
import { countExperiences } from '../src/domain/insights/countExperiences';
import { dailySeries, seriesDays } from '../src/domain/insights/dailySeries';
import type { ExperienceRef, ProfileFacts } from '../src/domain/insights/facts';
import { probabilityToBeBest, uplift } from '../src/domain/insights/statistics';

const at = (iso: string) => Date.parse(iso);
const period = { from: at('2026-01-01T00:00:00Z'), to: at('2026-01-04T00:00:00Z') };
const experiences: ExperienceRef[] = [
  { id: 'cta-test', type: 'nt_experiment', variantCount: 2 },
  { id: 'hero', type: 'nt_personalization', variantCount: 2 },
];
const cta = (variantIndex: number, iso: string) => ({
  experienceId: 'cta-test',
  variantIndex,
  componentId: variantIndex === 0 ? 'cta-a' : 'cta-b',
  at: at(iso),
});
const hero = (variantIndex: number, iso: string) => ({
  experienceId: 'hero',
  variantIndex,
  componentId: variantIndex === 0 ? 'hero-a' : 'hero-b',
  at: at(iso),
});
const signup = (iso: string) => ({ event: 'signup', at: at(iso) });

// Counted by hand below each profile: (experience, arm) → viewer / converted.
const profiles: ProfileFacts[] = [
  // cta v0 converted; hero holdout converted (signup after the 10:30 view)
  {
    profileId: 'p1',
    views: [cta(0, '2026-01-01T10:00:00Z'), hero(0, '2026-01-01T10:30:00Z')],
    tracks: [signup('2026-01-01T11:00:00Z')],
    holdoutOf: ['hero'],
    audiences: ['news'],
  },
  // cta v0 and hero v1, not converted: the signup precedes the first views
  {
    profileId: 'p2',
    views: [cta(0, '2026-01-01T10:00:00Z'), hero(1, '2026-01-01T10:00:00Z')],
    tracks: [signup('2026-01-01T09:00:00Z')],
    audiences: ['news', 'red'],
  },
  // cta v1 (two views), hero v1; converted on day 2 in both
  {
    profileId: 'p3',
    views: [cta(1, '2026-01-01T12:00:00Z'), cta(1, '2026-01-02T20:00:00Z'), hero(1, '2026-01-01T12:00:00Z')],
    tracks: [signup('2026-01-02T08:00:00Z')],
    audiences: ['red'],
  },
  // cta v1, another event only: not converted
  {
    profileId: 'p4',
    views: [cta(1, '2026-01-02T09:00:00Z')],
    tracks: [{ event: 'add_to_cart', at: at('2026-01-02T10:00:00Z') }],
  },
  // saw both cta variants: counts in each, converted (after its first view)
  {
    profileId: 'p5',
    views: [cta(0, '2026-01-01T08:00:00Z'), cta(1, '2026-01-03T10:00:00Z')],
    tracks: [signup('2026-01-03T12:00:00Z')],
  },
  // its only view is before the period: not a viewer
  {
    profileId: 'p6',
    views: [cta(1, '2025-12-31T23:00:00Z')],
    tracks: [signup('2026-01-01T01:00:00Z')],
    audiences: ['news'],
  },
  // cta v1; the signup at `to` is outside the period
  {
    profileId: 'p7',
    views: [cta(1, '2026-01-03T23:00:00Z')],
    tracks: [signup('2026-01-04T00:00:00Z')],
  },
  // a variant index the definition does not have: ignored
  { profileId: 'p8', views: [cta(5, '2026-01-02T00:00:00Z')], tracks: [signup('2026-01-02T01:00:00Z')] },
  // hero holdout, not converted
  { profileId: 'p9', views: [hero(0, '2026-01-02T10:00:00Z')], tracks: [], holdoutOf: ['hero'] },
];

describe('countExperiences', () => {
  it('counts distinct viewers per variant and those converted after their first view', () => {
    expect(countExperiences(profiles, experiences, 'signup', period)).toEqual([
      {
        experienceId: 'cta-test',
        type: 'nt_experiment',
        variants: [
          { variantIndex: 0, viewers: 3, conversions: 2 }, // p1 ✓, p2 ✗, p5 ✓
          { variantIndex: 1, viewers: 4, conversions: 2 }, // p3 ✓, p4 ✗, p5 ✓, p7 ✗
        ],
        holdout: { viewers: 0, conversions: 0 },
      },
      {
        experienceId: 'hero',
        type: 'nt_personalization',
        variants: [
          { variantIndex: 0, viewers: 0, conversions: 0 },
          { variantIndex: 1, viewers: 2, conversions: 1 }, // p2 ✗, p3 ✓
        ],
        holdout: { viewers: 2, conversions: 1 }, // p1 ✓, p9 ✗
      },
    ]);
  });

  it('counts a conversion at the very time of the first view, not one a millisecond before', () => {
    const same = [
      {
        profileId: 'a',
        views: [cta(1, '2026-01-02T10:00:00.000Z')],
        tracks: [signup('2026-01-02T10:00:00.000Z')],
      },
      {
        profileId: 'b',
        views: [cta(1, '2026-01-02T10:00:00.000Z')],
        tracks: [signup('2026-01-02T09:59:59.999Z')],
      },
    ];
    const [counts] = countExperiences(same, experiences, 'signup', period);
    expect(counts?.variants[1]).toEqual({ variantIndex: 1, viewers: 2, conversions: 1 });
  });

  it('counts another metric event separately', () => {
    const [ctaCounts] = countExperiences(profiles, experiences, 'add_to_cart', period);
    expect(ctaCounts?.variants.map((v) => v.conversions)).toEqual([0, 1]); // p4
  });
});

describe('buildReport', () => {
  it('builds exactly the issue shape from pre-aggregated counts (the issue test vector)', () => {
    const report = buildReport({
      metric: 'signup',
      period,
      experiences: [
        {
          experienceId: 'cta-test',
          type: 'nt_experiment',
          variants: [
            { variantIndex: 0, viewers: 1000, conversions: 100 },
            { variantIndex: 1, viewers: 1000, conversions: 120 },
          ],
          holdout: { viewers: 0, conversions: 0 },
        },
      ],
    });
    expect(Object.keys(report)).toEqual(['metric', 'from', 'to', 'experiences']);
    expect(report.from).toBe('2026-01-01T00:00:00.000Z');
    expect(report.to).toBe('2026-01-04T00:00:00.000Z');
    const [experience] = report.experiences;
    expect(Object.keys(experience ?? {})).toEqual(['experienceId', 'type', 'control', 'variants', 'holdout']);
    expect(experience).toEqual({
      experienceId: 'cta-test',
      type: 'nt_experiment',
      control: 'baseline',
      variants: [
        {
          variantIndex: 0,
          viewers: 1000,
          conversions: 100,
          conversionRate: 0.1,
          uplift: null,
          probabilityToBeBest: expect.closeTo(0.077, 2),
        },
        {
          variantIndex: 1,
          viewers: 1000,
          conversions: 120,
          conversionRate: 0.12,
          uplift: {
            value: expect.closeTo(0.2, 10),
            low: expect.closeTo(-0.0659, 4),
            high: expect.closeTo(0.5416, 4),
          },
          probabilityToBeBest: expect.closeTo(0.923, 2),
        },
      ],
      holdout: { viewers: 0, conversions: 0, conversionRate: null },
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('compares experiments to variant 0 and personalizations to the holdout (hand-counted facts)', () => {
    const report = buildReportFromFacts(profiles, {
      metric: { id: 'signups', event: 'signup' },
      period,
      experiences,
    });
    expect(report.metric).toBe('signups');
    const [ctaReport, heroReport] = report.experiences;
    expect(ctaReport?.control).toBe('baseline');
    expect(ctaReport?.variants[0]?.conversionRate).toBeCloseTo(2 / 3, 12);
    expect(ctaReport?.variants[0]?.uplift).toBeNull();
    expect(ctaReport?.variants[1]?.conversionRate).toBe(0.5);
    expect(ctaReport?.variants[1]?.uplift?.value).toBeCloseTo(0.5 / (2 / 3) - 1, 12); // −0.25
    expect(ctaReport?.variants[1]?.uplift).toEqual(
      uplift({ viewers: 4, conversions: 2 }, { viewers: 3, conversions: 2 }),
    );
    const best = probabilityToBeBest([
      { viewers: 3, conversions: 2 },
      { viewers: 4, conversions: 2 },
    ]);
    expect(ctaReport?.variants.map((v) => v.probabilityToBeBest)).toEqual(best);

    expect(heroReport?.control).toBe('holdout');
    expect(heroReport?.holdout).toEqual({ viewers: 2, conversions: 1, conversionRate: 0.5 });
    // variant 0 has no viewers: no rate, no uplift, no probability
    expect(heroReport?.variants[0]).toEqual({
      variantIndex: 0,
      viewers: 0,
      conversions: 0,
      conversionRate: null,
      uplift: null,
      probabilityToBeBest: null,
    });
    // variant 1 (1/2) against the holdout (1/2): no difference, an even chance to be best
    expect(heroReport?.variants[1]?.uplift?.value).toBeCloseTo(0, 12);
    expect(Math.log(1 + (heroReport?.variants[1]?.uplift?.low ?? 0))).toBeCloseTo(
      -Math.log(1 + (heroReport?.variants[1]?.uplift?.high ?? 0)),
      12,
    );
    expect(heroReport?.variants[1]?.probabilityToBeBest).toBeCloseTo(0.5, 12);
  });

  it('gives probability 1 to the only variant with viewers, and null uplift against an empty control', () => {
    const report = buildReport({
      metric: 'signup',
      period,
      experiences: [
        {
          experienceId: 'x',
          type: 'nt_experiment',
          variants: [
            { variantIndex: 0, viewers: 0, conversions: 0 },
            { variantIndex: 1, viewers: 10, conversions: 3 },
          ],
          holdout: { viewers: 0, conversions: 0 },
        },
      ],
    });
    expect(report.experiences[0]?.variants.map((v) => [v.uplift, v.probabilityToBeBest])).toEqual([
      [null, null],
      [null, 1],
    ]);
  });

  it('reports every configured experience, empty ones included', () => {
    const report = buildReportFromFacts([], {
      metric: { id: 'signup', event: 'signup' },
      period,
      experiences,
    });
    expect(report.experiences.map((e) => e.variants.map((v) => v.viewers))).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });
});

describe('dailySeries', () => {
  it('counts viewers per UTC day and conversions on that day after the first view (by hand)', () => {
    const [ctaSeries, heroSeries] = dailySeries(profiles, experiences, 'signup', period);
    const pick = (arm: { viewers: number; conversions: number }) => [arm.viewers, arm.conversions];
    expect(ctaSeries?.daily.map((d) => d.date)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(ctaSeries?.daily.map((d) => d.variants.map(pick))).toEqual([
      [
        [3, 1], // v0: p1 ✓, p2 ✗, p5 (signs up on day 3) ✗
        [1, 0], // v1: p3 (signs up on day 2) ✗
      ],
      [
        [0, 0],
        [2, 1], // v1: p3 ✓, p4 ✗
      ],
      [
        [0, 0],
        [2, 1], // v1: p5 ✓, p7 (signup at `to`) ✗
      ],
    ]);
    expect(ctaSeries?.daily[0]?.variants[0]?.conversionRate).toBeCloseTo(1 / 3, 12);
    expect(ctaSeries?.daily[1]?.variants[0]?.conversionRate).toBeNull();
    expect(heroSeries?.daily.map((d) => [pick(d.holdout), ...d.variants.map(pick)])).toEqual([
      [
        [1, 1],
        [0, 0],
        [2, 0],
      ],
      [
        [1, 0],
        [0, 0],
        [0, 0],
      ],
      [
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    ]);
  });

  it('covers the UTC days a period touches, and refuses more than 400', () => {
    expect(seriesDays({ from: at('2026-01-01T12:00:00Z'), to: at('2026-01-03T00:00:00Z') })).toEqual([
      at('2026-01-01T00:00:00Z'),
      at('2026-01-02T00:00:00Z'),
    ]);
    expect(seriesDays({ from: period.from, to: period.from })).toEqual([]);
    expect(() => seriesDays({ from: 0, to: 401 * 86_400_000 })).toThrow(/\[ninetailed\].*400 days/);
  });
});

describe('buildAudienceReport', () => {
  it('counts the profiles of each audience and how many of them saw each component (by hand)', () => {
    expect(buildAudienceReport(profiles, ['news', 'red', 'nobody'], period)).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-04T00:00:00.000Z',
      audiences: [
        {
          audienceId: 'news', // p1, p2, p6 (whose only view is before the period)
          profiles: 3,
          components: [
            { componentId: 'cta-a', viewers: 2 },
            { componentId: 'hero-a', viewers: 1 },
            { componentId: 'hero-b', viewers: 1 },
          ],
        },
        {
          audienceId: 'red', // p2, p3
          profiles: 2,
          components: [
            { componentId: 'hero-b', viewers: 2 },
            { componentId: 'cta-a', viewers: 1 },
            { componentId: 'cta-b', viewers: 1 },
          ],
        },
        { audienceId: 'nobody', profiles: 0, components: [] },
      ],
    });
  });
});
