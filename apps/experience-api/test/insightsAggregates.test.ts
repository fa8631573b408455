/**
 * The Insights aggregates of the database (src/store/insights/aggregateQueries.ts) against the
 * pure rules (`countExperiences`, `dailySeries`) on both stores, on view rows written directly:
 * what the endpoint tests cannot reach cheaply. Profiles in a personalization's holdout with rows
 * outside it too (a pair is in the holdout when any of its rows of the period is), profiles that
 * saw several variants, several days and several components of one variant, click-only rows,
 * and conversions before, on and after the first view, on other days than the views.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prng } from '../scripts/prng.mjs';
import { countExperiences } from '../src/domain/insights/countExperiences';
import { dailySeries } from '../src/domain/insights/dailySeries';
import type { ExperienceRef, Period, ProfileFacts } from '../src/domain/insights/facts';
import { insightQueries, VIEW_COLUMNS } from '../src/store/insights/insightQueries';
import { readDailySeries, readExperienceCounts } from '../src/store/insights/readAggregates';
import { openStore } from '../src/store/openStore';
import { createQueries, EVENT_COLUMNS } from '../src/store/queries';
import { onCleanup, tempDir } from './helpers';
import { postgresUrlFor, TEST_STORE } from './testDatabase';

const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 0, 1) / DAY;
const SCOPE = { organization: 'demo', environment: 'main' };
const EXPERIENCES: ExperienceRef[] = [
  { id: 'hero', type: 'nt_personalization', variantCount: 2 },
  { id: 'cta', type: 'nt_experiment', variantCount: 3 },
];

interface Row {
  day: number;
  experienceId: string;
  profileId: string;
  variantIndex: number;
  componentId: string;
  firstAt: number | null;
  lastAt: number | null;
  views: number;
  holdout: number;
}

/** 80 profiles over 7 days: view rows (some in a holdout) and signups. */
function generate(): { rows: Row[]; tracks: { profileId: string; at: number }[] } {
  const random = prng(61);
  const rows = new Map<string, Row>();
  const tracks: { profileId: string; at: number }[] = [];
  for (let p = 0; p < 80; p++) {
    const profileId = `p${p}`;
    const inHoldout = random() < 0.3;
    const count = Math.floor(random() * 7);
    for (let i = 0; i < count; i++) {
      const experience = EXPERIENCES[random() < 0.5 ? 0 : 1] as ExperienceRef;
      const variantIndex = Math.floor(random() * experience.variantCount);
      const day = FIRST_DAY + Math.floor(random() * 7);
      const componentId = `${experience.id}-${variantIndex}-${random() < 0.8 ? 'a' : 'b'}`;
      const views = random() < 0.15 ? 0 : 1 + Math.floor(random() * 3);
      const firstAt = day * DAY + Math.floor(random() * DAY * 0.7);
      const lastAt = firstAt + Math.floor(random() * DAY * 0.3);
      const key = [day, experience.id, profileId, variantIndex, componentId].join('/');
      if (rows.has(key)) continue;
      rows.set(key, {
        day,
        experienceId: experience.id,
        profileId,
        variantIndex,
        componentId,
        firstAt: views ? firstAt : null,
        lastAt: views ? lastAt : null,
        views,
        holdout: inHoldout && experience.type === 'nt_personalization' && random() < 0.7 ? 1 : 0,
      });
    }
    for (let t = Math.floor(random() * 4); t > 0; t--) {
      tracks.push({ profileId, at: Math.floor((FIRST_DAY + random() * 7) * DAY) });
    }
  }
  // On the boundary: a signup at the very time of the first view converts, one a millisecond before does not.
  const at = (FIRST_DAY + 2) * DAY + 5_000;
  for (const [profileId, signup] of [
    ['edge-on', at],
    ['edge-before', at - 1],
  ] as const) {
    const row = {
      day: FIRST_DAY + 2,
      experienceId: 'cta',
      profileId,
      variantIndex: 2,
      componentId: 'cta-2-a',
    };
    rows.set(profileId, { ...row, firstAt: at, lastAt: at + 1_000, views: 1, holdout: 0 });
    tracks.push({ profileId, at: signup });
  }
  return { rows: [...rows.values()], tracks };
}

/** What the pure rules see in `period`: a row's views at its first and last time; the holdout of the period. */
function factsOf(rows: Row[], tracks: { profileId: string; at: number }[], period: Period): ProfileFacts[] {
  const ids = [...new Set([...rows.map((r) => r.profileId), ...tracks.map((t) => t.profileId)])];
  const inPeriod = (r: Row) => r.views > 0 && r.day >= period.from / DAY && r.day < period.to / DAY;
  return ids.map((profileId) => {
    const own = rows.filter((r) => r.profileId === profileId && r.views > 0);
    return {
      profileId,
      views: own.flatMap((r) =>
        [r.firstAt, r.lastAt].map((at) => ({
          experienceId: r.experienceId,
          variantIndex: r.variantIndex,
          at: at as number,
        })),
      ),
      tracks: tracks.filter((t) => t.profileId === profileId).map((t) => ({ event: 'signup', at: t.at })),
      holdoutOf: [...new Set(own.filter((r) => r.holdout === 1 && inPeriod(r)).map((r) => r.experienceId))],
    };
  });
}

describe('Insights aggregates of the database', () => {
  it('equal countExperiences and dailySeries, holdout pairs and conversions on other days included', async () => {
    const file = join(tempDir(), 'aggregates.db');
    const store = await openStore({
      databaseFile: file,
      groupCommit: false,
      ...(TEST_STORE === 'postgres' ? { databaseUrl: await postgresUrlFor(file) } : {}),
    });
    onCleanup(() => store.close());
    const { rows, tracks } = generate();
    await store.statements({ commit: true }, async (execute, dialect) => {
      const q = insightQueries(dialect);
      for (const r of rows) {
        const values: Record<(typeof VIEW_COLUMNS)[number], unknown> = {
          org: 'demo',
          env: 'main',
          day: r.day,
          experience_id: r.experienceId,
          profile_id: r.profileId,
          variant_index: r.variantIndex,
          component_id: r.componentId,
          first_at: r.firstAt,
          last_at: r.lastAt,
          views: r.views,
          max_view_ms: 0,
          clicks: r.views ? 0 : 1,
          hovers: 0,
          holdout: r.holdout,
        };
        await execute(q.upsertView(...VIEW_COLUMNS.map((column) => values[column])));
      }
      const insert = createQueries(dialect).insertEvents(1);
      for (const [i, t] of tracks.entries()) {
        const values: Record<(typeof EVENT_COLUMNS)[number], unknown> = {
          org: 'demo',
          env: 'main',
          profile_id: t.profileId,
          received_profile_id: t.profileId,
          message_id: `m${i}`,
          received_at: t.at,
          duplicate: 0,
          body: '{}',
          facts: '{}',
          experience_id: null,
          variant_index: null,
          track_event: 'signup',
          track_at: t.at,
        };
        await execute(insert(...EVENT_COLUMNS.map((column) => values[column])));
      }
    });

    const periods: Period[] = [
      { from: FIRST_DAY * DAY, to: (FIRST_DAY + 7) * DAY },
      { from: (FIRST_DAY + 1) * DAY, to: (FIRST_DAY + 4) * DAY },
      { from: (FIRST_DAY + 3) * DAY, to: (FIRST_DAY + 5) * DAY },
    ];
    let holdoutViewers = 0;
    let conversions = 0;
    for (const period of periods) {
      const facts = factsOf(rows, tracks, period);
      const { counts, daily } = await store.statements({ commit: false }, async (execute, dialect) => ({
        counts: await readExperienceCounts(execute, dialect, SCOPE, period, 'signup', EXPERIENCES),
        daily: await readDailySeries(execute, dialect, SCOPE, period, 'signup', EXPERIENCES),
      }));
      const expected = countExperiences(facts, EXPERIENCES, 'signup', period);
      expect(counts).toEqual(expected);
      expect(daily).toEqual(dailySeries(facts, EXPERIENCES, 'signup', period));
      holdoutViewers += expected.reduce((sum, e) => sum + e.holdout.viewers, 0);
      conversions += expected.flatMap((e) => e.variants).reduce((sum, v) => sum + v.conversions, 0);
    }
    // The data are not trivial: holdout pairs, and conversions in variants.
    expect(holdoutViewers).toBeGreaterThan(5);
    expect(conversions).toBeGreaterThan(5);
    // Some holdout pairs also have rows outside the holdout (they still count in the holdout only).
    const mixed = new Set(rows.filter((r) => r.holdout === 1).map((r) => `${r.profileId}/${r.experienceId}`));
    expect(
      rows.some((r) => r.holdout === 0 && r.views > 0 && mixed.has(`${r.profileId}/${r.experienceId}`)),
    ).toBe(true);
  });
});
