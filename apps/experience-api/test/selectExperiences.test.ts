import { describe, expect, it } from 'vitest';
import type { ExperienceDefinition } from '../src/domain/experiences/experienceTypes';
import { selectExperiences, variantIndexOf } from '../src/domain/experiences/selectExperiences';
import { stickyPicks } from '../src/domain/experiences/stickyPicks';
import type { StoredEvent } from '../src/store/store';
import { oracleRandom } from './experienceOracle';

const experiment = (fields: Partial<ExperienceDefinition> = {}): ExperienceDefinition => ({
  id: 'split',
  type: 'nt_experiment',
  trafficAllocation: 0.8,
  distribution: [
    { index: 0, start: 0, end: 0.2 },
    { index: 1, start: 0.2, end: 0.5 },
    { index: 2, start: 0.5, end: 1 },
  ],
  components: [
    { type: 'EntryReplacement', baseline: { id: 'a' }, variants: [{ id: 'b' }, { id: 'c', hidden: true }] },
    {
      type: 'InlineVariable',
      key: 'price',
      valueType: 'Number',
      baseline: { value: 10 },
      variants: [{ value: 12 }, { value: 15 }],
    },
  ],
  ...fields,
});

/** Deterministic stable ids shaped like the server's (UUID v4 text). */
function stableIds(count: number): string[] {
  let state = 7;
  const hex = (length: number) => {
    let text = '';
    for (let i = 0; i < length; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      text += (state >>> 28).toString(16);
    }
    return text;
  };
  return Array.from({ length: count }, () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`);
}

describe('selectExperiences (section 8 arithmetic)', () => {
  it('over 10,000 profiles: the holdout is 1 - trafficAllocation within 1 point, the split matches the distribution within 1.5 points, and every pick equals the oracle', () => {
    const ids = stableIds(10_000);
    expect(new Set(ids).size).toBe(10_000);
    const definition = experiment();
    const counts = [0, 0, 0];
    let holdout = 0;
    const disagreements: string[] = [];
    for (const stableId of ids) {
      const { experiences } = selectExperiences([definition], { stableId, audiences: [] });
      // The oracle: murmurhash-js and the rules written out.
      const enters = 0.8 > oracleRandom('traffic', 'split', stableId);
      const r = oracleRandom('distribution', 'split', stableId);
      const expected = r <= 0.2 ? 0 : r <= 0.5 ? 1 : 2;
      const got = experiences[0]?.variantIndex;
      if (got !== (enters ? expected : undefined)) disagreements.push(stableId);
      if (got === undefined) holdout++;
      else counts[got] = (counts[got] ?? 0) + 1;
    }
    expect(disagreements).toEqual([]);
    expect(Math.abs(holdout / 10_000 - 0.2)).toBeLessThan(0.01);
    const entered = 10_000 - holdout;
    const shares = counts.map((count) => count / entered);
    [0.2, 0.3, 0.5].forEach((expected, index) => {
      expect(Math.abs((shares[index] ?? 0) - expected)).toBeLessThan(0.015);
    });
  });

  it('answers the variants map and one Change per inline variable, for index 0 and the others', () => {
    const ids = stableIds(200);
    const byIndex = new Map<number, string>();
    for (const stableId of ids) {
      const index = selectExperiences([experiment({ trafficAllocation: 1 })], { stableId, audiences: [] })
        .experiences[0]?.variantIndex;
      if (index !== undefined && !byIndex.has(index)) byIndex.set(index, stableId);
    }
    expect([...byIndex.keys()].sort()).toEqual([0, 1, 2]);
    const answer = (index: number) =>
      selectExperiences([experiment({ trafficAllocation: 1 })], {
        stableId: byIndex.get(index) as string,
        audiences: [],
      });
    expect(answer(0)).toEqual({
      experiences: [{ experienceId: 'split', variantIndex: 0, variants: { a: 'a' }, sticky: false }],
      changes: [
        { type: 'Variable', key: 'price', value: 10, meta: { experienceId: 'split', variantIndex: 0 } },
      ],
    });
    expect(answer(1).experiences[0]?.variants).toEqual({ a: 'b' });
    expect(answer(1).changes[0]?.value).toBe(12);
    // A hidden variant is still the variant (the SDK renders nothing for it).
    expect(answer(2).experiences[0]?.variants).toEqual({ a: 'c' });
    expect(answer(2).changes[0]).toEqual({
      type: 'Variable',
      key: 'price',
      value: 15,
      meta: { experienceId: 'split', variantIndex: 2 },
    });
  });

  it('gates by audience, keeps configuration order, and lets nobody in at trafficAllocation 0', () => {
    const gated = experiment({ id: 'gated', audience: { id: 'news-readers' }, trafficAllocation: 1 });
    const open = experiment({ id: 'open', trafficAllocation: 1 });
    const closed = experiment({ id: 'closed', trafficAllocation: 0 });
    for (const stableId of stableIds(50)) {
      expect(
        selectExperiences([gated, open, closed], { stableId, audiences: [] }).experiences.map(
          (e) => e.experienceId,
        ),
      ).toEqual(['open']);
      expect(
        selectExperiences([open, gated, closed], { stableId, audiences: ['news-readers'] }).experiences.map(
          (e) => e.experienceId,
        ),
      ).toEqual(['open', 'gated']);
    }
  });

  it('picks the variant: shared boundary to the lower index, zero-width entries, none matching gives 0', () => {
    const half = [
      { index: 0, start: 0, end: 0.5 },
      { index: 1, start: 0.5, end: 1 },
    ];
    expect(variantIndexOf(half, 0.5)).toBe(0);
    expect(variantIndexOf(half, 0.5000001)).toBe(1);
    expect(variantIndexOf([...half].reverse(), 0.5)).toBe(0);
    const personalization = [
      { index: 0, start: 0, end: 0 },
      { index: 1, start: 0, end: 1 },
    ];
    expect(variantIndexOf(personalization, 0)).toBe(0);
    expect(variantIndexOf(personalization, 1e-9)).toBe(1);
    expect(variantIndexOf(personalization, 1)).toBe(1);
    expect(variantIndexOf([{ index: 1, start: 0.2, end: 0.3 }], 0.9)).toBe(0);
  });

  it('sticky: a recorded pick keeps its variant outside the audience and the traffic; non-sticky or out-of-range picks do not', () => {
    const sticky = experiment({ sticky: true, audience: { id: 'red-fans' }, trafficAllocation: 0 });
    const [stableId] = stableIds(1) as [string];
    const profile = { stableId, audiences: [] };
    expect(selectExperiences([sticky], profile, new Map([['split', 2]])).experiences).toEqual([
      { experienceId: 'split', variantIndex: 2, variants: { a: 'c' }, sticky: true },
    ]);
    expect(
      selectExperiences([{ ...sticky, sticky: false }], profile, new Map([['split', 2]])).experiences,
    ).toEqual([]);
    expect(selectExperiences([sticky], profile, new Map([['split', 3]])).experiences).toEqual([]);
    expect(selectExperiences([sticky], profile, new Map([['other', 1]])).experiences).toEqual([]);
  });

  it('stickyPicks: the first component event per experience wins; other events and fields are ignored', () => {
    const event = (seq: number, facts: Record<string, unknown>): StoredEvent => ({
      seq,
      profileId: 'p',
      messageId: `m${seq}`,
      receivedAt: seq,
      event: { type: 'component', componentType: 'Entry', componentId: 'x', ...facts },
    });
    const picks = stickyPicks([
      event(1, { experienceId: 'a', variantIndex: 1 }),
      event(2, { experienceId: 'a', variantIndex: 0 }),
      event(3, { experienceId: 'b' }),
      event(4, { variantIndex: 1 }),
      { ...event(5, {}), event: { type: 'page' } },
      event(6, { experienceId: 'c', variantIndex: 0 }),
    ]);
    expect([...picks]).toEqual([
      ['a', 1],
      ['c', 0],
    ]);
  });
});
