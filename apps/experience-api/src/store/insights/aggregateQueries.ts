import { sql } from 'kysely';
import { prepareQuery } from '../preparedQuery';
import type { SqlDialect } from '../sqlDialect';
import { trackExpressions } from './insightQueries';

type S = string;
type N = number;

/** Arguments of the period aggregates, in order. */
export type PeriodArgs = [org: S, env: S, fromDay: N, toDay: N, from: N, to: N, event: S];

/**
 * The Insights aggregates computed by the database, so a report reads a few dozen rows
 * whatever the number of events (issue 13: ≤ 200 ms over 1,000,000 events). Rows are
 * `(experience_id[, day], holdout, mask, viewers, conversions)`: counts to add to the arms of
 * the mask's variants (bit i: variant i), or to the holdout when `holdout` is 1. The rules are
 * those of `countExperiences` / `dailySeries` in `domain/insights` (the tests compare): per
 * experience and profile, the view rows of the period give the first view (clamped to `from`),
 * the holdout flag (any holdout row) and the variants seen; a profile converted when its latest
 * metric track in the period (of the day, for the daily series) is at or after that first view.
 * Both times are the events' own (`domain/eventTime`).
 *
 * Each statement reads every view row of the period once, in the order of an index
 * (migration 6), and no more than that: profile × experience groups would need a sort or a join
 * per row, which cost more than the reading itself on SQLite. Instead:
 * - viewers: the distinct profiles per experience × variant (× day), counted in the
 *   `insight_views_variant` (`_daily`) order, where each group's profile ids come sorted;
 * - holdout: the pairs with a holdout row (the partial index `insight_views_holdout`, few) count
 *   in the holdout and are taken out of the variants they saw (their rows, `insight_views_profile`);
 * - conversions: only the profiles with a metric track in the period (`events_track`, covering)
 *   can convert; their view rows (`insight_views_profile`) give the first view and the variants.
 *
 * @example
 * const q = aggregateQueries(sqliteDialect);
 * const rows = await execute(q.arms('demo', 'main', fromDay, toDay, from, to, 'signup'));
 */
export function createAggregateQueries(dialect: SqlDialect) {
  const db = dialect.builder;
  const { eventName, isTrack } = trackExpressions();
  // SQLite's planner may range-scan the primary key by day and sort, or (with statistics) skip-
  // scan; the orders above are what make the counts cheap (PostgreSQL chooses by its statistics).
  const views = (index: string) =>
    dialect.name === 'sqlite'
      ? sql`insight_views v INDEXED BY ${sql.raw(`insight_views_${index}`)}`
      : sql`insight_views v`;
  // `+`: the variant and day bounds filter rows, they are not index ranges (see above).
  const inPeriod = ([org, env, fromDay, toDay, from, to]: string[]) => sql`
  v.org = ${org} AND v.env = ${env} AND +v.day >= ${fromDay} AND +v.day <= ${toDay} AND v.views > 0
  AND v.first_at < ${to} AND v.last_at >= ${from} AND v.experience_id <> '' AND +v.variant_index >= 0 AND +v.variant_index < 62`;
  const bit = sql`CAST(1 AS bigint) << v.variant_index`;
  const clampedFirst = (from: string) =>
    sql`MIN(CASE WHEN v.first_at < CAST(${from} AS bigint) THEN CAST(${from} AS bigint) ELSE v.first_at END)`;
  const tracks = ([org, env, , , from, to, event]: string[]) => sql`
  FROM events WHERE org = ${org} AND env = ${env} AND ${eventName} = ${event}
    AND track_at >= ${from} AND track_at < ${to} AND duplicate = 0 AND ${isTrack}`;
  // The experience × profile pairs with a holdout row in the period.
  const holdoutPairs = (a: string[]) =>
    sql`SELECT DISTINCT v.experience_id, v.profile_id FROM ${views('holdout')} WHERE v.holdout = 1 AND ${inPeriod(a)}`;
  // The view rows of the period of the pairs in `pairs` (experience_id, profile_id).
  const pairRows = (a: string[], pairs: string) =>
    sql`SELECT v.experience_id, v.profile_id, v.day, v.variant_index FROM ${sql.raw(pairs)} CROSS JOIN ${views('profile')}
  WHERE v.profile_id = ${sql.raw(pairs)}.profile_id AND v.experience_id = ${sql.raw(pairs)}.experience_id AND ${inPeriod(a)}`;
  // Per pair of a profile with a metric track (CROSS JOIN: the few profiles drive, their rows are
  // looked up) and per row of `tracks` (one per profile, or per profile and day): the pair's first
  // view and holdout flag over all its rows of the period.
  const trackedPairs = (a: string[], extra: ReturnType<typeof sql>, driver: 'tp' | 'tr') =>
    sql`SELECT v.experience_id, ${clampedFirst(a[4] as string)} AS first_at, MAX(v.holdout) AS holdout${extra}
  FROM ${sql.raw(driver)} CROSS JOIN ${views('profile')} WHERE v.profile_id = ${sql.raw(driver)}.profile_id AND ${inPeriod(a)}
  GROUP BY ${sql.raw(driver)}.profile_id, v.experience_id${driver === 'tr' ? sql`, tr.day` : sql``}`;
  // MATERIALIZED CTEs: PostgreSQL otherwise inlines the few tracking profiles and may estimate
  // them as one row (a nested loop over every view row: seconds instead of milliseconds).
  const compile = (text: (a: string[]) => ReturnType<typeof sql>) =>
    prepareQuery<PeriodArgs>(7, (a) => ({ compile: () => text(a).compile(db) }));

  return {
    /**
     * Per experience: the viewers of each variant and of the holdout in the period, and those of
     * them whose latest metric track in the period is at or after their first view of the
     * experience in the period (that is, who converted); rows to add up per arm.
     */
    arms: compile(
      (a) => sql`WITH hp AS MATERIALIZED (${holdoutPairs(a)}),
tp AS MATERIALIZED (SELECT profile_id, MAX(track_at) AS last_at ${tracks(a)} GROUP BY profile_id),
pe AS (${trackedPairs(a, sql`, SUM(DISTINCT ${bit}) AS mask, MAX(tp.last_at) AS last_at`, 'tp')})
SELECT v.experience_id, 0 AS holdout, ${bit} AS mask, COUNT(DISTINCT v.profile_id) AS viewers, 0 AS conversions
FROM ${views('variant')} WHERE ${inPeriod(a)} GROUP BY v.experience_id, v.variant_index
UNION ALL SELECT experience_id, 1, 0, COUNT(*), 0 FROM hp GROUP BY experience_id
UNION ALL SELECT experience_id, 0, CAST(1 AS bigint) << variant_index, -COUNT(DISTINCT profile_id), 0
FROM (${pairRows(a, 'hp')}) hr GROUP BY experience_id, variant_index
UNION ALL SELECT experience_id, holdout, mask, 0, COUNT(*) FROM pe WHERE last_at >= first_at GROUP BY experience_id, holdout, mask`,
    ),
    /**
     * The same per UTC day: viewers of the day, and those of them whose latest metric track of
     * that day is at or after their first view of the experience in the period.
     */
    dailyArms: compile(
      (a) => sql`WITH hp AS MATERIALIZED (${holdoutPairs(a)}),
hr AS MATERIALIZED (${pairRows(a, 'hp')}),
tr AS MATERIALIZED (SELECT profile_id, track_at / 86400000 AS day, MAX(track_at) AS last_at ${tracks(a)} GROUP BY profile_id, track_at / 86400000),
cd AS (${trackedPairs(
        a,
        sql`, tr.day, SUM(DISTINCT CASE WHEN v.day = tr.day THEN ${bit} END) AS mask, MAX(tr.last_at) AS last_at`,
        'tr',
      )})
SELECT v.experience_id, v.day, 0 AS holdout, ${bit} AS mask, COUNT(DISTINCT v.profile_id) AS viewers, 0 AS conversions
FROM ${views('daily')} WHERE ${inPeriod(a)} GROUP BY v.experience_id, v.variant_index, v.day
UNION ALL SELECT experience_id, day, 1, 0, COUNT(DISTINCT profile_id), 0 FROM hr GROUP BY experience_id, day
UNION ALL SELECT experience_id, day, 0, CAST(1 AS bigint) << variant_index, -COUNT(DISTINCT profile_id), 0
FROM hr GROUP BY experience_id, day, variant_index
UNION ALL SELECT experience_id, day, holdout, mask, 0, COUNT(*) FROM cd WHERE last_at >= first_at AND mask IS NOT NULL
GROUP BY experience_id, day, holdout, mask`,
    ),
    /** Profiles Insights saw in the period, counted per distinct audience list. */
    audienceSets: prepareQuery<[S, S, N, N]>(4, ([org, env, from, to]) => ({
      compile: () =>
        sql`SELECT audiences, COUNT(*) AS profiles FROM insight_profiles
WHERE org = ${org} AND env = ${env} AND first_at < ${to} AND last_at >= ${from}
GROUP BY audiences`.compile(db),
    })),
    /** Per audience list and component: the distinct profiles of that list with a view of it in the period. */
    audienceComponents: prepareQuery<[S, S, N, N, N, N]>(6, ([org, env, fromDay, toDay, from, to]) => ({
      compile: () =>
        sql`SELECT p.audiences, v.component_id, COUNT(DISTINCT v.profile_id) AS viewers
FROM insight_views v JOIN insight_profiles p ON p.org = v.org AND p.env = v.env AND p.profile_id = v.profile_id
WHERE v.org = ${org} AND v.env = ${env} AND v.day >= ${fromDay} AND v.day <= ${toDay} AND v.views > 0
  AND v.first_at < ${to} AND v.last_at >= ${from} AND p.first_at < ${to} AND p.last_at >= ${from}
GROUP BY p.audiences, v.component_id`.compile(db),
    })),
  };
}

/** The compiled aggregates of one dialect. */
export type AggregateQueries = ReturnType<typeof createAggregateQueries>;

const cache = new Map<SqlDialect, AggregateQueries>();

/**
 * The aggregates of a dialect, compiled once per process.
 *
 * @example
 * const q = aggregateQueries(postgresDialect);
 */
export function aggregateQueries(dialect: SqlDialect): AggregateQueries {
  let q = cache.get(dialect);
  if (!q) {
    q = createAggregateQueries(dialect);
    cache.set(dialect, q);
  }
  return q;
}
