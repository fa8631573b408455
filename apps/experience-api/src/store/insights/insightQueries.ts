import { type RawBuilder, sql } from 'kysely';
import { type PreparedQuery, prepareQuery } from '../preparedQuery';
import type { SqlDialect } from '../sqlDialect';

type S = string;
type N = number;

/**
 * The `events_track` index (migration 4, rebuilt by migration 6 with `duplicate = 0` in its
 * condition): the name of an accepted `track` event, in its own
 * column (a key column, NULL for every other event), and the index's predicate.
 *
 * @example
 * const { eventName, isTrack } = trackExpressions();
 */
export function trackExpressions(): {
  eventName: RawBuilder<string>;
  isTrack: RawBuilder<boolean>;
} {
  return { eventName: sql`track_event`, isTrack: sql`track_event IS NOT NULL` };
}

/** Columns of one `insight_views` upsert, in argument order (see {@link InsightQueries.upsertView}). */
export const VIEW_COLUMNS = [
  'org',
  'env',
  'day',
  'experience_id',
  'profile_id',
  'variant_index',
  'component_id',
  'first_at',
  'last_at',
  'views',
  'max_view_ms',
  'clicks',
  'hovers',
  'holdout',
] as const;

/**
 * The statements of Insights (issue 13), written once with Kysely and compiled per dialect.
 * The track-event lookups use the index `events_track` (migrations 4 and 6) on the `track_event`
 * column.
 *
 * @example
 * const q = createInsightQueries(sqliteDialect);
 * const { sql, parameters } = q.listTracks('demo', 'main', 'signup', from, to);
 */
export function createInsightQueries(dialect: SqlDialect) {
  const db = dialect.builder;
  const { eventName, isTrack } = trackExpressions();
  const findIngested = new Map<number, PreparedQuery<unknown[]>>();
  // CASE rather than min/max/least/greatest: the same text in both dialects, NULLs handled.
  const earlier = (column: string) =>
    sql`case when excluded.${sql.ref(column)} is not null and (insight_views.${sql.ref(column)} is null or excluded.${sql.ref(column)} < insight_views.${sql.ref(column)}) then excluded.${sql.ref(column)} else insight_views.${sql.ref(column)} end`;
  const later = (table: string, column: string) =>
    sql`case when excluded.${sql.ref(column)} is not null and (${sql.ref(`${table}.${column}`)} is null or excluded.${sql.ref(column)} > ${sql.ref(`${table}.${column}`)}) then excluded.${sql.ref(column)} else ${sql.ref(`${table}.${column}`)} end`;

  return {
    /** Which of `count` messageIds were already ingested (callers round counts up to a power of two). */
    findIngested(count: number): PreparedQuery<unknown[]> {
      let query = findIngested.get(count);
      if (!query) {
        query = prepareQuery<unknown[]>(2 + count, (a) =>
          db
            .selectFrom('insight_events')
            .select('message_id')
            .where('org', '=', a[0] as S)
            .where('env', '=', a[1] as S)
            .where('message_id', 'in', a.slice(2) as S[]),
        );
        findIngested.set(count, query);
      }
      return query;
    },
    insertIngested: prepareQuery<[S, S, S, S, S, N]>(6, (a) =>
      db.insertInto('insight_events').values({
        org: a[0] as S,
        env: a[1] as S,
        message_id: a[2] as S,
        profile_id: a[3] as S,
        type: a[4] as S,
        received_at: a[5] as unknown as N,
      }),
    ),
    redirect: prepareQuery<[S, S, S]>(3, ([org, env, id]) =>
      db
        .selectFrom('redirects')
        .select('new_id')
        .where('org', '=', org as S)
        .where('env', '=', env as S)
        .where('old_id', '=', id as S),
    ),
    stableId: prepareQuery<[S, S, S]>(3, ([org, env, id]) =>
      db
        .selectFrom('profiles')
        .select('stable_id')
        .where('org', '=', org as S)
        .where('env', '=', env as S)
        .where('id', '=', id as S),
    ),
    findViewId: prepareQuery<[S, S, S]>(3, ([org, env, viewId]) =>
      db
        .selectFrom('insight_view_ids')
        .select('max_view_ms')
        .where('org', '=', org as S)
        .where('env', '=', env as S)
        .where('view_id', '=', viewId as S),
    ),
    upsertViewId: prepareQuery<[S, S, S, N]>(4, ([org, env, viewId, ms]) =>
      db
        .insertInto('insight_view_ids')
        .values({ org: org as S, env: env as S, view_id: viewId as S, max_view_ms: ms as unknown as N })
        .onConflict((oc) =>
          oc.columns(['org', 'env', 'view_id']).doUpdateSet({
            max_view_ms: later('insight_view_ids', 'max_view_ms') as unknown as N,
          }),
        ),
    ),
    /** Adds one key's views, clicks and hovers to its row (creating it). */
    upsertView: prepareQuery<unknown[]>(VIEW_COLUMNS.length, (a) =>
      db
        .insertInto('insight_views')
        .values(Object.fromEntries(VIEW_COLUMNS.map((column, i) => [column, a[i]])) as never)
        .onConflict((oc) =>
          oc
            .columns(['org', 'env', 'day', 'experience_id', 'profile_id', 'variant_index', 'component_id'])
            .doUpdateSet({
              first_at: earlier('first_at') as never,
              last_at: later('insight_views', 'last_at') as never,
              views: sql`insight_views.views + excluded.views` as never,
              max_view_ms: later('insight_views', 'max_view_ms') as never,
              clicks: sql`insight_views.clicks + excluded.clicks` as never,
              hovers: sql`insight_views.hovers + excluded.hovers` as never,
              holdout: later('insight_views', 'holdout') as never,
            }),
        ),
    ),
    upsertProfile: prepareQuery<[S, S, S, S, N]>(5, ([org, env, profileId, audiences, at]) =>
      db
        .insertInto('insight_profiles')
        .values({
          org: org as S,
          env: env as S,
          profile_id: profileId as S,
          audiences: audiences as S,
          first_at: at as unknown as N,
          last_at: at as unknown as N,
        })
        .onConflict((oc) =>
          oc.columns(['org', 'env', 'profile_id']).doUpdateSet({
            audiences: sql`excluded.audiences` as never,
            last_at: later('insight_profiles', 'last_at') as never,
          }),
        ),
    ),
    /** The distinct names of accepted `track` events (index `events_track`). */
    listTrackNames: prepareQuery<[S, S]>(2, ([org, env]) =>
      db
        .selectFrom('events')
        .select(eventName.as('event'))
        .distinct()
        .where('org', '=', org as S)
        .where('env', '=', env as S)
        .where('duplicate', '=', sql.lit(0) as never)
        .where(isTrack)
        .orderBy('event'),
    ),
  };
}

/** The compiled Insights statements of one dialect. */
export type InsightQueries = ReturnType<typeof createInsightQueries>;

const cache = new Map<SqlDialect, InsightQueries>();

/**
 * The Insights statements of a dialect, compiled once per process.
 *
 * @example
 * const q = insightQueries(postgresDialect);
 */
export function insightQueries(dialect: SqlDialect): InsightQueries {
  let q = cache.get(dialect);
  if (!q) {
    q = createInsightQueries(dialect);
    cache.set(dialect, q);
  }
  return q;
}
