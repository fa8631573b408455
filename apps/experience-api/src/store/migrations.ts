import type BetterSqlite3 from 'better-sqlite3';
import type { PoolClient } from 'pg';
import { factsOf } from './store';

/**
 * One step of the schema, for both databases. Steps are applied in order, each once per
 * database, and recorded in `schema_migrations` (version, name, time applied). A released
 * step never changes: a change to the schema is a new step.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite(db: BetterSqlite3.Database): void;
  postgres: string;
}

// Insights tables (migration 3): the same columns in both databases (bigint holds SQLite's INTEGER).
const INSIGHT_VIEWS_COLUMNS = `
  org text NOT NULL, env text NOT NULL, day integer NOT NULL,
  experience_id text NOT NULL, profile_id text NOT NULL, variant_index integer NOT NULL,
  component_id text NOT NULL,
  first_at bigint, last_at bigint,
  views integer NOT NULL, max_view_ms double precision NOT NULL,
  clicks integer NOT NULL, hovers integer NOT NULL, holdout smallint NOT NULL,
  PRIMARY KEY (org, env, day, experience_id, profile_id, variant_index, component_id)`;
// The reports group view rows per experience and profile: in this order, covering, no sort.
// Replaced by migration 6 (INSIGHT_VIEWS_INDEXES); kept for the databases that migration 3 creates.
const INSIGHT_VIEWS_REPORT_INDEX =
  'org, env, experience_id, profile_id, variant_index, day, first_at, last_at, views, holdout';
// The report's filter columns, after the ordering ones: every index below is covering.
const VIEW_FILTER = 'first_at, last_at, views';
/**
 * Migration 6: the orders the Insights aggregates read `insight_views` in (aggregateQueries.ts).
 * - `variant`: the distinct profiles of each experience × variant, profile ids in order (a
 *   count without a sort);
 * - `daily`: the same per UTC day;
 * - `profile`: one profile's rows (those with a metric event, those in a holdout);
 * - `holdout`: only the holdout rows (partial), few.
 */
const INSIGHT_VIEWS_INDEXES = [
  `insight_views_variant ON insight_views (org, env, experience_id, variant_index, profile_id, day, ${VIEW_FILTER}, holdout)`,
  `insight_views_daily ON insight_views (org, env, experience_id, variant_index, day, profile_id, ${VIEW_FILTER}, holdout)`,
  `insight_views_profile ON insight_views (org, env, profile_id, experience_id, day, variant_index, ${VIEW_FILTER}, holdout)`,
  `insight_views_holdout ON insight_views (org, env, experience_id, profile_id, day, variant_index, ${VIEW_FILTER}) WHERE holdout = 1`,
];
// Migration 6: the accepted tracks, covering (duplicate = 0 in the predicate, not read per row).
const EVENTS_TRACK_INDEX =
  'events_track ON events (org, env, track_event, track_at, profile_id) WHERE track_event IS NOT NULL AND duplicate = 0';
const INSIGHT_EVENTS_COLUMNS = `
  org text NOT NULL, env text NOT NULL, message_id text NOT NULL,
  profile_id text NOT NULL, type text NOT NULL, received_at bigint NOT NULL,
  PRIMARY KEY (org, env, message_id)`;
const INSIGHT_PROFILES_COLUMNS = `
  org text NOT NULL, env text NOT NULL, profile_id text NOT NULL,
  audiences text NOT NULL, first_at bigint NOT NULL, last_at bigint NOT NULL,
  PRIMARY KEY (org, env, profile_id)`;
const INSIGHT_VIEW_IDS_COLUMNS = `
  org text NOT NULL, env text NOT NULL, view_id text NOT NULL, max_view_ms double precision NOT NULL,
  PRIMARY KEY (org, env, view_id)`;

/** The schema's steps, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'profiles, events with facts, aliases, redirects, log marks',
    sqlite(db) {
      // Databases written before versioned migrations have these tables already (IF NOT EXISTS),
      // some without `facts`: the whole event serves there (facts are a subset of it).
      db.exec(`
CREATE TABLE IF NOT EXISTS profiles (
  org TEXT NOT NULL, env TEXT NOT NULL, id TEXT NOT NULL,
  stable_id TEXT NOT NULL, random REAL NOT NULL,
  traits TEXT NOT NULL, location TEXT NOT NULL,
  created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL,
  PRIMARY KEY (org, env, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  org TEXT NOT NULL, env TEXT NOT NULL,
  profile_id TEXT NOT NULL,
  received_profile_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  duplicate INTEGER NOT NULL,
  body TEXT NOT NULL,
  facts TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS aliases (
  org TEXT NOT NULL, env TEXT NOT NULL, alias TEXT NOT NULL, profile_id TEXT NOT NULL,
  PRIMARY KEY (org, env, alias)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS aliases_profile ON aliases (org, env, profile_id);
CREATE TABLE IF NOT EXISTS redirects (
  org TEXT NOT NULL, env TEXT NOT NULL, old_id TEXT NOT NULL, new_id TEXT NOT NULL,
  PRIMARY KEY (org, env, old_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS redirects_new ON redirects (org, env, new_id);
CREATE TABLE IF NOT EXISTS log_marks (
  org TEXT NOT NULL, env TEXT NOT NULL, cleared_seq INTEGER NOT NULL,
  PRIMARY KEY (org, env)
) WITHOUT ROWID;
`);
      const columns = db.prepare<[], { name: string }>('PRAGMA table_info(events)').all();
      if (!columns.some((column) => column.name === 'facts')) {
        db.exec(
          "ALTER TABLE events ADD COLUMN facts TEXT NOT NULL DEFAULT '{}'; UPDATE events SET facts = body;",
        );
      }
      db.exec(`
CREATE UNIQUE INDEX IF NOT EXISTS events_message ON events (org, env, message_id) WHERE duplicate = 0;
CREATE INDEX IF NOT EXISTS events_profile ON events (org, env, profile_id, received_at, seq) WHERE duplicate = 0;
CREATE INDEX IF NOT EXISTS events_log ON events (org, env, seq);
`);
    },
    postgres: `
CREATE TABLE profiles (
  org text NOT NULL, env text NOT NULL, id text NOT NULL,
  stable_id text NOT NULL, random double precision NOT NULL,
  traits text NOT NULL, location text NOT NULL,
  created_at bigint NOT NULL, last_seen_at bigint NOT NULL,
  PRIMARY KEY (org, env, id)
);
CREATE TABLE events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org text NOT NULL, env text NOT NULL,
  profile_id text NOT NULL,
  received_profile_id text NOT NULL,
  message_id text NOT NULL,
  received_at bigint NOT NULL,
  duplicate smallint NOT NULL,
  body text NOT NULL,
  facts text NOT NULL
);
-- message_id first: a lookup of many messageIds (prefetch, an IN list) is then an index
-- condition whatever the planner estimates for the few distinct (org, env).
CREATE UNIQUE INDEX events_message ON events (message_id, org, env) WHERE duplicate = 0;
CREATE INDEX events_profile ON events (org, env, profile_id, received_at, seq) WHERE duplicate = 0;
CREATE INDEX events_log ON events (org, env, seq);
CREATE TABLE aliases (
  org text NOT NULL, env text NOT NULL, alias text NOT NULL, profile_id text NOT NULL,
  PRIMARY KEY (org, env, alias)
);
CREATE INDEX aliases_profile ON aliases (org, env, profile_id);
CREATE TABLE redirects (
  org text NOT NULL, env text NOT NULL, old_id text NOT NULL, new_id text NOT NULL,
  PRIMARY KEY (org, env, old_id)
);
CREATE INDEX redirects_new ON redirects (org, env, new_id);
CREATE TABLE log_marks (
  org text NOT NULL, env text NOT NULL, cleared_seq bigint NOT NULL,
  PRIMARY KEY (org, env)
);
`,
  },
  {
    version: 2,
    name: 'sticky experiences: component facts with their experience fields, experience_id and variant_index columns',
    sqlite(db) {
      // Facts of component events written before they kept experienceId and variantIndex.
      const rows = db
        .prepare<[], { seq: number; body: string }>(
          "SELECT seq, body FROM events WHERE duplicate = 0 AND json_extract(body, '$.type') = 'component'",
        )
        .all();
      const update = db.prepare('UPDATE events SET facts = ? WHERE seq = ?');
      for (const row of rows) update.run(JSON.stringify(factsOf(JSON.parse(row.body))), row.seq);
      const columns = db.prepare<[], { name: string }>('PRAGMA table_info(events)').all();
      if (!columns.some((column) => column.name === 'experience_id')) {
        db.exec(
          'ALTER TABLE events ADD COLUMN experience_id TEXT; ALTER TABLE events ADD COLUMN variant_index INTEGER;',
        );
      }
      db.exec(`
UPDATE events SET experience_id = json_extract(facts, '$.experienceId'), variant_index = json_extract(facts, '$.variantIndex')
  WHERE duplicate = 0 AND json_extract(facts, '$.type') = 'component'
    AND json_type(facts, '$.experienceId') = 'text' AND json_type(facts, '$.variantIndex') = 'integer';
DROP INDEX IF EXISTS events_sticky;
CREATE INDEX events_sticky ON events (org, env, profile_id, experience_id, received_at, seq) WHERE experience_id IS NOT NULL;
`);
    },
    postgres: `
ALTER TABLE events ADD COLUMN experience_id text, ADD COLUMN variant_index integer;
CREATE INDEX events_sticky ON events (org, env, profile_id, experience_id, received_at, seq) WHERE experience_id IS NOT NULL;
`,
  },
  {
    version: 3,
    name: 'insights: ingest ids, view ids, views per profile, experience, variant, component and day, profiles; track events by name',
    sqlite(db) {
      // IF NOT EXISTS: a database whose migration records were lost applies every step again.
      db.exec(`
CREATE TABLE IF NOT EXISTS insight_views (${INSIGHT_VIEWS_COLUMNS}) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS insight_views_report ON insight_views (${INSIGHT_VIEWS_REPORT_INDEX});
CREATE TABLE IF NOT EXISTS insight_events (${INSIGHT_EVENTS_COLUMNS}) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS insight_profiles (${INSIGHT_PROFILES_COLUMNS}) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS insight_view_ids (${INSIGHT_VIEW_IDS_COLUMNS}) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_track ON events (org, env, json_extract(facts, '$.event'), received_at)
  WHERE duplicate = 0 AND json_extract(facts, '$.type') = 'track';
`);
    },
    postgres: `
CREATE TABLE insight_views (${INSIGHT_VIEWS_COLUMNS});
CREATE INDEX insight_views_report ON insight_views (${INSIGHT_VIEWS_REPORT_INDEX});
CREATE TABLE insight_events (${INSIGHT_EVENTS_COLUMNS});
CREATE TABLE insight_profiles (${INSIGHT_PROFILES_COLUMNS});
CREATE TABLE insight_view_ids (${INSIGHT_VIEW_IDS_COLUMNS});
CREATE INDEX events_track ON events (org, env, ((facts::jsonb) ->> 'event'), received_at)
  WHERE duplicate = 0 AND ((facts::jsonb) ->> 'type') = 'track';
`,
  },
  {
    version: 4,
    name: 'track events by name and by their own time, from columns written with the event (no JSON parsed per insert)',
    sqlite(db) {
      const columns = db.prepare<[], { name: string }>('PRAGMA table_info(events)').all();
      if (!columns.some((column) => column.name === 'track_event')) {
        db.exec('ALTER TABLE events ADD COLUMN track_event TEXT;');
      }
      if (!columns.some((column) => column.name === 'track_at')) {
        db.exec('ALTER TABLE events ADD COLUMN track_at INTEGER;');
      }
      // Tracks stored before this version are dated by their arrival.
      db.exec(`
UPDATE events SET track_event = json_extract(facts, '$.event'), track_at = received_at
  WHERE duplicate = 0 AND json_extract(facts, '$.type') = 'track' AND json_type(facts, '$.event') = 'text';
DROP INDEX IF EXISTS events_track;
CREATE INDEX events_track ON events (org, env, track_event, track_at, profile_id) WHERE track_event IS NOT NULL;
`);
    },
    // The names go through the key codec (\\ for \; a NUL cannot be in jsonb, so none is stored).
    postgres: `
ALTER TABLE events ADD COLUMN track_event text, ADD COLUMN track_at bigint;
UPDATE events SET track_event = replace((facts::jsonb) ->> 'event', '\\', '\\\\'), track_at = received_at
  WHERE duplicate = 0 AND ((facts::jsonb) ->> 'type') = 'track' AND jsonb_typeof((facts::jsonb) -> 'event') = 'string';
DROP INDEX events_track;
CREATE INDEX events_track ON events (org, env, track_event, track_at, profile_id) WHERE track_event IS NOT NULL;
`,
  },
  {
    version: 5,
    name: 'profiles keep their read model (audience and session digest); null until a write or read rebuilds it',
    sqlite(db) {
      const columns = db.prepare<[], { name: string }>('PRAGMA table_info(profiles)').all();
      if (!columns.some((column) => column.name === 'digest'))
        db.exec('ALTER TABLE profiles ADD COLUMN digest TEXT;');
    },
    postgres: 'ALTER TABLE profiles ADD COLUMN digest text;',
  },
  {
    version: 6,
    name: 'insights: view indexes per variant, per variant and day, per profile, and of holdout rows; accepted tracks index covering',
    sqlite(db) {
      // IF [NOT] EXISTS: a database whose migration records were lost applies every step again.
      db.exec(`
DROP INDEX IF EXISTS insight_views_report;
${INSIGHT_VIEWS_INDEXES.map((index) => `CREATE INDEX IF NOT EXISTS ${index};`).join('\n')}
DROP INDEX IF EXISTS events_track;
CREATE INDEX ${EVENTS_TRACK_INDEX};
`);
    },
    postgres: `
DROP INDEX insight_views_report;
${INSIGHT_VIEWS_INDEXES.map((index) => `CREATE INDEX ${index};`).join('\n')}
DROP INDEX events_track;
CREATE INDEX ${EVENTS_TRACK_INDEX};
`,
  },
  {
    version: 7,
    name: 'events: no primary key index on seq in PostgreSQL (events_log (org, env, seq) serves every read by seq)',
    // SQLite's seq is the rowid: no index of its own to drop.
    sqlite() {},
    // One btree insert fewer per event (of five); seq stays an identity column, unique by construction.
    postgres: 'ALTER TABLE events DROP CONSTRAINT IF EXISTS events_pkey;',
  },
];

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL
)`;

/**
 * Brings a SQLite database up to date, in one `BEGIN IMMEDIATE` transaction (which also keeps
 * a second process that opens the file at the same time waiting until it is done).
 *
 * @example
 * migrateSqlite(new Database('api.db'));
 */
export function migrateSqlite(db: BetterSqlite3.Database, migrations = MIGRATIONS): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(MIGRATIONS_TABLE);
    const applied = new Set(
      db
        .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
        .all()
        .map((row) => row.version),
    );
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      migration.sqlite(db);
      record.run(migration.version, migration.name, Date.now());
    }
    // For tools (and older servers) that read it: the schema version as a pragma too.
    db.pragma(`user_version = ${Math.max(...migrations.map((migration) => migration.version))}`);
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

// Any constant shared by every process of this server: pg_advisory_xact_lock(bigint).
const MIGRATION_LOCK = 7_411_021_115;

/**
 * Brings a PostgreSQL database (the connection's `search_path` schema) up to date in one
 * transaction that holds an advisory lock: processes that start together apply each step once,
 * the others wait and then find nothing to do.
 *
 * @example
 * await migratePostgres(await pool.connect());
 */
export async function migratePostgres(client: PoolClient, migrations = MIGRATIONS): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(MIGRATIONS_TABLE);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.postgres);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
