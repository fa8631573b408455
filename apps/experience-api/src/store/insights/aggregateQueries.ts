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
 * whatever the number of events (issue 13: ≤ 200 ms over 1,000,000 events). Each is one
 * statement: the view rows of the period grouped per profile and experience in the order of
 * the `insight_views_report` index (`pe`: first view in the period, holdout flag, variants seen
 * as a bit mask), left-joined to each profile's latest metric track in the period (`trp`, from
 * the `events_track` index): a profile converted when that track is at or after its first view.
 * Both times are the events' own (`domain/eventTime`): a view the SDK held in its queue still
 * precedes the signup made after it on the same page, whichever reached the server first.
 * The same rules as `countExperiences` / `dailySeries` in `domain/insights` (the tests compare).
 *
 * @example
 * const q = aggregateQueries(sqliteDialect);
 * const rows = await execute(q.arms('demo', 'main', fromDay, toDay, from, to, 'signup'));
 */
export function createAggregateQueries(dialect: SqlDialect) {
  const db = dialect.builder;
  const { eventName, isTrack } = trackExpressions();
  const inPeriod = ([org, env, fromDay, toDay, from, to]: string[]) => sql`
  org = ${org} AND env = ${env} AND day >= ${fromDay} AND day <= ${toDay} AND views > 0
  AND first_at < ${to} AND last_at >= ${from} AND experience_id <> '' AND variant_index >= 0 AND variant_index < 62`;
  const clampedFirst = (from: string) =>
    sql`MIN(CASE WHEN first_at < CAST(${from} AS bigint) THEN CAST(${from} AS bigint) ELSE first_at END)`;
  // The variants a profile saw, as a bit mask (distinct powers of two sum to their OR).
  const mask = sql`SUM(DISTINCT CAST(1 AS bigint) << variant_index)`;
  // SQLite's planner would range-scan the primary key by day and sort; the report index is
  // already in group order (PostgreSQL chooses by its statistics).
  const views =
    dialect.name === 'sqlite' ? sql`insight_views INDEXED BY insight_views_report` : sql`insight_views`;
  const tracks = ([org, env, , , from, to, event]: string[]) => sql`
  FROM events WHERE org = ${org} AND env = ${env} AND ${eventName} = ${event}
    AND track_at >= ${from} AND track_at < ${to} AND duplicate = 0 AND ${isTrack}`;
  const compile = (text: (a: string[]) => ReturnType<typeof sql>) =>
    prepareQuery<PeriodArgs>(7, (a) => ({ compile: () => text(a).compile(db) }));

  return {
    /**
     * Per experience, holdout flag and set of variants seen (a bit mask): the profiles with a
     * view in the period, and those of them whose latest metric track in the period is at or
     * after their first view of the experience in the period (that is, who converted).
     */
    arms: compile(
      (a) => sql`WITH pv AS (
  SELECT experience_id, profile_id, variant_index, ${clampedFirst(a[4] as string)} AS first_at, MAX(holdout) AS holdout
  FROM ${views} WHERE ${inPeriod(a)} GROUP BY experience_id, profile_id, variant_index
),
pe AS (
  SELECT experience_id, profile_id, MIN(first_at) AS first_at, MAX(holdout) AS holdout,
    SUM(CAST(1 AS bigint) << variant_index) AS mask
  FROM pv GROUP BY experience_id, profile_id
),
trp AS (SELECT profile_id, MAX(track_at) AS last_at ${tracks(a)} GROUP BY profile_id)
SELECT pe.experience_id, pe.holdout, pe.mask, COUNT(*) AS viewers, COUNT(trp.profile_id) AS conversions
FROM pe LEFT JOIN trp ON trp.profile_id = pe.profile_id AND trp.last_at >= pe.first_at
GROUP BY pe.experience_id, pe.holdout, pe.mask`,
    ),
    /**
     * The same per UTC day: viewers of the day, and those of them whose latest metric track of
     * that day is at or after their first view of the experience in the period.
     */
    dailyArms: compile(
      (a) => sql`WITH pe AS (
  SELECT experience_id, profile_id, ${clampedFirst(a[4] as string)} AS first_at, MAX(holdout) AS holdout
  FROM ${views} WHERE ${inPeriod(a)} GROUP BY experience_id, profile_id
),
pd AS (
  SELECT experience_id, profile_id, day, ${mask} AS mask
  FROM ${views} WHERE ${inPeriod(a)} GROUP BY experience_id, profile_id, day
),
trd AS (SELECT profile_id, track_at / 86400000 AS day, MAX(track_at) AS last_at ${tracks(a)} GROUP BY profile_id, track_at / 86400000)
SELECT pd.experience_id, pd.day, pe.holdout, pd.mask, COUNT(*) AS viewers, COUNT(trd.profile_id) AS conversions
FROM pd JOIN pe ON pe.experience_id = pd.experience_id AND pe.profile_id = pd.profile_id
LEFT JOIN trd ON trd.profile_id = pd.profile_id AND trd.day = pd.day AND trd.last_at >= pe.first_at
GROUP BY pd.experience_id, pd.day, pe.holdout, pd.mask`,
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
