import { sql } from 'kysely';
import { type PreparedQuery, prepareQuery } from './preparedQuery';
import type { SqlDialect } from './sqlDialect';

type S = string;
type N = number;

/** Columns of one `events` row, in insertion order (see {@link Queries.insertEvents}). */
export const EVENT_COLUMNS = [
  'org',
  'env',
  'profile_id',
  'received_profile_id',
  'message_id',
  'received_at',
  'duplicate',
  'body',
  'facts',
  'experience_id',
  'variant_index',
  'track_event',
  'track_at',
] as const;

/**
 * Every statement of the stores, written once with Kysely and compiled per dialect when a store
 * opens. Arguments come in the order of each query's name: scope (`org`, `env`) first.
 *
 * @example
 * const q = createQueries(sqliteDialect);
 * const { sql, parameters } = q.getProfile('demo', 'main', 'p1');
 */
export function createQueries(dialect: SqlDialect) {
  const db = dialect.builder;
  const profileColumns = [
    'id',
    'stable_id',
    'random',
    'traits',
    'location',
    'created_at',
    'last_seen_at',
    'digest',
  ] as const;
  const getProfile = (forUpdate: boolean) =>
    prepareQuery<[S, S, S]>(3, ([org, env, id]) => {
      const query = db
        .selectFrom('profiles')
        .select(profileColumns)
        .where('org', '=', org as S)
        .where('env', '=', env as S)
        .where('id', '=', id as S);
      return forUpdate ? query.forUpdate() : query;
    });
  const findAlias = (forUpdate: boolean) =>
    prepareQuery<[S, S, S]>(3, ([org, env, alias]) => {
      const query = db
        .selectFrom('aliases')
        .select('profile_id')
        .where('org', '=', org as S)
        .where('env', '=', env as S)
        .where('alias', '=', alias as S);
      return forUpdate ? query.forUpdate() : query;
    });
  const insertEvents = new Map<number, PreparedQuery<unknown[]>>();
  const findAcceptedEvents = new Map<number, PreparedQuery<unknown[]>>();
  const readProfileEvents = new Map<number, PreparedQuery<unknown[]>>();
  const insertEventsUpdatingProfile = new Map<number, PreparedQuery<unknown[]>>();
  // The values of `rows` event rows whose columns are `a` from `offset` on, in EVENT_COLUMNS order.
  const eventRows = (a: readonly unknown[], rows: number, offset = 0) =>
    Array.from({ length: rows }, (_, row) => {
      const at = (column: number) => a[offset + row * EVENT_COLUMNS.length + column] as S;
      return {
        org: at(0),
        env: at(1),
        profile_id: at(2),
        received_profile_id: at(3),
        message_id: at(4),
        received_at: at(5) as unknown as N,
        duplicate: at(6) as unknown as N,
        body: at(7),
        facts: at(8),
        experience_id: at(9),
        variant_index: at(10) as unknown as N,
        track_event: at(11),
        track_at: at(12) as unknown as N,
      };
    });
  // No `profile_id`: every read names the profile, so each row would only repeat it.
  const eventColumns = ['seq', 'message_id', 'received_at', 'facts'] as const;
  // The latest `limit` accepted events of a profile, newest first (the profile index backwards).
  const latestOf = (org: S, env: S, profileId: S, limit: N) =>
    db
      .selectFrom('events')
      .select(eventColumns)
      .where('org', '=', org)
      .where('env', '=', env)
      .where('profile_id', '=', profileId)
      .where('duplicate', '=', sql.lit(0))
      .orderBy('received_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(limit);
  // The oldest component event of a profile that keeps a variant of this experience.
  const firstComponentOf = (org: S, env: S, profileId: S, experienceId: S) =>
    db
      .selectFrom('events')
      .select(eventColumns)
      .where('org', '=', org)
      .where('env', '=', env)
      .where('profile_id', '=', profileId)
      .where('experience_id', '=', experienceId)
      .orderBy('received_at')
      .orderBy('seq')
      .limit(1);

  return {
    getProfile: getProfile(false),
    getProfileForUpdate: dialect.locks ? getProfile(true) : getProfile(false),
    insertProfile: prepareQuery<[S, S, S, S, N, S, S, N, N, S | null]>(10, (a) =>
      db.insertInto('profiles').values({
        org: a[0] as S,
        env: a[1] as S,
        id: a[2] as S,
        stable_id: a[3] as S,
        random: a[4] as unknown as N,
        traits: a[5] as S,
        location: a[6] as S,
        created_at: a[7] as unknown as N,
        last_seen_at: a[8] as unknown as N,
        digest: a[9] as S | null,
      }),
    ),
    updateProfile: prepareQuery<[S, S, S, S, S, N, S | null]>(
      7,
      ([org, env, id, traits, location, lastSeenAt, digest]) =>
        db
          .updateTable('profiles')
          .set({
            traits: traits as S,
            location: location as S,
            last_seen_at: lastSeenAt as unknown as N,
            digest: digest as S | null,
          })
          .where('org', '=', org as S)
          .where('env', '=', env as S)
          .where('id', '=', id as S),
    ),
    deleteProfile: prepareQuery<[S, S, S]>(3, ([org, env, id]) =>
      db
        .deleteFrom('profiles')
        .where('org', '=', org as S)
        .where('env', '=', env as S)
        .where('id', '=', id as S),
    ),
    getRedirect: prepareQuery<[S, S, S]>(3, ([org, env, id]) =>
      db
        .selectFrom('redirects')
        .select('new_id')
        .where('org', '=', org as S)
        .where('env', '=', env as S)
        .where('old_id', '=', id as S),
    ),
    retargetRedirects: prepareQuery<[S, S, S, S]>(4, ([org, env, fromId, intoId]) =>
      db
        .updateTable('redirects')
        .set({ new_id: intoId as S })
        .where('org', '=', org as S)
        .where('env', '=', env as S)
        .where('new_id', '=', fromId as S),
    ),
    setRedirect: prepareQuery<[S, S, S, S]>(4, ([org, env, oldId, newId]) =>
      db
        .insertInto('redirects')
        .values({ org: org as S, env: env as S, old_id: oldId as S, new_id: newId as S })
        .onConflict((oc) => oc.columns(['org', 'env', 'old_id']).doUpdateSet({ new_id: newId as S })),
    ),
    findEventOwner: prepareQuery<[S, S, S]>(3, ([org, env, messageId]) =>
      db
        .selectFrom('events')
        .select('profile_id')
        .where('org', '=', org as S)
        .where('env', '=', env as S)
        .where('message_id', '=', messageId as S)
        .where('duplicate', '=', sql.lit(0)),
    ),
    /** A multi-row insert of `rows` events; each row's values in {@link EVENT_COLUMNS} order. */
    insertEvents(rows: number): PreparedQuery<unknown[]> {
      let query = insertEvents.get(rows);
      if (!query) {
        query = prepareQuery<unknown[]>(rows * EVENT_COLUMNS.length, (a) =>
          db.insertInto('events').values(eventRows(a, rows)),
        );
        insertEvents.set(rows, query);
      }
      return query;
    },
    /**
     * PostgreSQL only (a data-modifying WITH): {@link insertEvents} and {@link updateProfile} in
     * one statement, one round trip. Arguments: the updateProfile ones, then the event rows.
     */
    insertEventsUpdatingProfile(rows: number): PreparedQuery<unknown[]> {
      let query = insertEventsUpdatingProfile.get(rows);
      if (!query) {
        query = prepareQuery<unknown[]>(7 + rows * EVENT_COLUMNS.length, (a) => {
          const [org, env, id, traits, location, lastSeenAt, digest] = a as [S, S, S, S, S, N, S | null];
          return db
            .with('inserted', (db) => db.insertInto('events').values(eventRows(a, rows, 7)))
            .updateTable('profiles')
            .set({ traits, location, last_seen_at: lastSeenAt, digest })
            .where('org', '=', org)
            .where('env', '=', env)
            .where('id', '=', id);
        });
        insertEventsUpdatingProfile.set(rows, query);
      }
      return query;
    },
    findAcceptedEvent: prepareQuery<[S, S, S]>(3, ([org, env, messageId]) =>
      db
        .selectFrom('events')
        .select(['profile_id', 'body'])
        .where('org', '=', org as S)
        .where('env', '=', env as S)
        .where('message_id', '=', messageId as S)
        .where('duplicate', '=', sql.lit(0)),
    ),
    /** Accepted events among `count` messageIds (one statement per count: callers round counts up). */
    findAcceptedEvents(count: number): PreparedQuery<unknown[]> {
      let query = findAcceptedEvents.get(count);
      if (!query) {
        query = prepareQuery<unknown[]>(2 + count, (a) =>
          db
            .selectFrom('events')
            .select(['message_id', 'profile_id', 'body'])
            .where('org', '=', a[0] as S)
            .where('env', '=', a[1] as S)
            .where('message_id', 'in', a.slice(2) as S[])
            .where('duplicate', '=', sql.lit(0)),
        );
        findAcceptedEvents.set(count, query);
      }
      return query;
    },
    /** The latest `limit` accepted events, newest first: the profile index walked backwards, no sort. */
    listLatestEvents: prepareQuery<[S, S, S, N]>(4, ([org, env, profileId, limit]) =>
      latestOf(org as S, env as S, profileId as S, limit as unknown as N),
    ),
    /** The oldest accepted component event of a profile that keeps a variant of this experience. */
    findFirstComponentEvent: prepareQuery<[S, S, S, S]>(4, ([org, env, profileId, experienceId]) =>
      firstComponentOf(org as S, env as S, profileId as S, experienceId as S),
    ),
    /**
     * One statement for what answering a profile reads: its latest `limit` accepted events
     * (`first` = -1) and, for each of `experiences` experience ids, the oldest component event
     * keeping a variant of it (`first` = its position). Arguments: org, env, profile id, limit,
     * then the experience ids. Rows come in no particular order.
     */
    readProfileEvents(experiences: number): PreparedQuery<unknown[]> {
      let query = readProfileEvents.get(experiences);
      if (!query) {
        query = prepareQuery<unknown[]>(4 + experiences, (a) => {
          const [org, env, profileId, limit] = a as [S, S, S, N];
          let union = db
            .selectFrom(latestOf(org, env, profileId, limit).as('latest'))
            .select([...eventColumns, sql.lit(-1).as('first')]);
          for (let i = 0; i < experiences; i++) {
            union = union.unionAll(
              db
                .selectFrom(firstComponentOf(org, env, profileId, a[4 + i] as S).as(`first${i}`))
                .select([...eventColumns, sql.lit(i).as('first')]),
            );
          }
          return union;
        });
        readProfileEvents.set(experiences, query);
      }
      return query;
    },
    listEvents: prepareQuery<[S, S, S]>(3, ([org, env, profileId]) =>
      db
        .selectFrom('events')
        .select(eventColumns)
        .where('org', '=', org as S)
        .where('env', '=', env as S)
        .where('profile_id', '=', profileId as S)
        .where('duplicate', '=', sql.lit(0))
        .orderBy('received_at')
        .orderBy('seq'),
    ),
    moveEvents: prepareQuery<[S, S, S, S]>(4, ([org, env, fromId, intoId]) =>
      db
        .updateTable('events')
        .set({ profile_id: intoId as S })
        .where('org', '=', org as S)
        .where('env', '=', env as S)
        .where('profile_id', '=', fromId as S),
    ),
    findAlias: findAlias(false),
    findAliasForUpdate: dialect.locks ? findAlias(true) : findAlias(false),
    /** PostgreSQL only: serialises transactions that look up or claim one alias (absent rows cannot be locked). */
    lockAlias: prepareQuery<[S]>(1, ([key]) => ({
      compile: () => sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.compile(db),
    })),
    setAlias: prepareQuery<[S, S, S, S]>(4, ([org, env, alias, profileId]) =>
      db
        .insertInto('aliases')
        .values({ org: org as S, env: env as S, alias: alias as S, profile_id: profileId as S })
        .onConflict((oc) => oc.columns(['org', 'env', 'alias']).doUpdateSet({ profile_id: profileId as S })),
    ),
    moveAliases: prepareQuery<[S, S, S, S]>(4, ([org, env, fromId, intoId]) =>
      db
        .updateTable('aliases')
        .set({ profile_id: intoId as S })
        .where('org', '=', org as S)
        .where('env', '=', env as S)
        .where('profile_id', '=', fromId as S),
    ),
    clearedSeq: prepareQuery<[S, S]>(2, ([org, env]) =>
      db
        .selectFrom('log_marks')
        .select('cleared_seq')
        .where('org', '=', org as S)
        .where('env', '=', env as S),
    ),
    listLog: prepareQuery<[S, S, N, N]>(4, ([org, env, after, maxDuplicate]) =>
      db
        .selectFrom('events')
        .select(['received_profile_id', 'received_at', 'duplicate', 'body'])
        .where('org', '=', org as S)
        .where('env', '=', env as S)
        .where('seq', '>', after as unknown as N)
        .where('duplicate', '<=', maxDuplicate as unknown as N)
        .orderBy('seq'),
    ),
    maxSeq: prepareQuery<[S, S]>(2, ([org, env]) =>
      db
        .selectFrom('events')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('org', '=', org as S)
        .where('env', '=', env as S),
    ),
    setCleared: prepareQuery<[S, S, N]>(3, ([org, env, seq]) =>
      db
        .insertInto('log_marks')
        .values({ org: org as S, env: env as S, cleared_seq: seq as unknown as N })
        .onConflict((oc) => oc.columns(['org', 'env']).doUpdateSet({ cleared_seq: seq as unknown as N })),
    ),
  };
}

/** The compiled statements of one dialect. */
export type Queries = ReturnType<typeof createQueries>;
