import { mkdirSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createCommitQueue, type TransactionControl } from './commitQueue';
import {
  factsOf,
  type LogEntry,
  type NewEvent,
  type Scope,
  type Store,
  type StoredEvent,
  type StoredProfile,
  type StoreTransaction,
} from './store';

const SCHEMA = `
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
CREATE UNIQUE INDEX IF NOT EXISTS events_message ON events (org, env, message_id) WHERE duplicate = 0;
CREATE INDEX IF NOT EXISTS events_profile ON events (org, env, profile_id, received_at, seq) WHERE duplicate = 0;
CREATE INDEX IF NOT EXISTS events_log ON events (org, env, seq);
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
`;

// Component events that can keep a sticky experience's variant, per profile and experience, in
// listEvents order: findFirstComponentEvent reads one entry however long the history. The
// query repeats the WHERE terms literally so SQLite uses this partial index.
const STICKY_WHERE =
  "duplicate = 0 AND json_extract(facts, '$.type') = 'component' AND json_type(facts, '$.variantIndex') = 'integer'";
const STICKY_INDEX = `CREATE INDEX IF NOT EXISTS events_sticky ON events (org, env, profile_id, json_extract(facts, '$.experienceId'), received_at, seq) WHERE ${STICKY_WHERE};`;

const SCHEMA_VERSION = 2;

/** Brings a database written by an earlier version of this server up to date. */
function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === SCHEMA_VERSION) return;
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(events)').all();
  if (!columns.some((column) => column.name === 'facts')) {
    // Before version 1 there were no facts: the whole event serves (facts are a subset of it).
    db.exec(
      "ALTER TABLE events ADD COLUMN facts TEXT NOT NULL DEFAULT '{}'; UPDATE events SET facts = body;",
    );
  }
  if (version < 2) {
    // Version 2 keeps the experience fields of component events in their facts (sticky experiences).
    const rows = db
      .prepare<[], { seq: number; body: string }>(
        "SELECT seq, body FROM events WHERE duplicate = 0 AND json_extract(body, '$.type') = 'component'",
      )
      .all();
    const update = db.prepare('UPDATE events SET facts = ? WHERE seq = ?');
    for (const row of rows) update.run(JSON.stringify(factsOf(JSON.parse(row.body))), row.seq);
  }
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

interface ProfileRow {
  id: string;
  stable_id: string;
  random: number;
  traits: string;
  location: string;
  created_at: number;
  last_seen_at: number;
}

interface EventRow {
  seq: number;
  profile_id: string;
  message_id: string;
  received_at: number;
  facts: string;
}

interface LogRow {
  received_profile_id: string;
  received_at: number;
  duplicate: number;
  body: string;
}

/**
 * Opens (or creates) the SQLite store. WAL journal with `synchronous = FULL`: a request's
 * writes are on disk before its answer is sent, so nothing accepted is lost on a crash. Each
 * request is all-or-nothing (its own savepoint); with `groupCommit` (default) requests that
 * arrive together share one commit, so one fsync serves many requests.
 *
 * @example
 * const store = openSqliteStore('./experience-api.db');
 * await store.close();
 */
export function openSqliteStore(file: string, { groupCommit = true }: { groupCommit?: boolean } = {}): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Durability is the same in both modes: an answer is sent only after the WAL holding its
  // writes is fsync'd. Group commit does that fsync itself, off the event loop (see sync below);
  // otherwise SQLite does it inside every COMMIT.
  db.pragma(groupCommit ? 'synchronous = NORMAL' : 'synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  migrate(db);
  // After the migration: databases older than version 1 have no facts column until it runs.
  db.exec(STICKY_INDEX);

  const sql = {
    getProfile: db.prepare<[string, string, string], ProfileRow>(
      'SELECT id, stable_id, random, traits, location, created_at, last_seen_at FROM profiles WHERE org = ? AND env = ? AND id = ?',
    ),
    insertProfile: db.prepare(
      'INSERT INTO profiles (org, env, id, stable_id, random, traits, location, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    updateProfile: db.prepare(
      'UPDATE profiles SET traits = ?, location = ?, last_seen_at = ? WHERE org = ? AND env = ? AND id = ?',
    ),
    deleteProfile: db.prepare('DELETE FROM profiles WHERE org = ? AND env = ? AND id = ?'),
    getRedirect: db.prepare<[string, string, string], { new_id: string }>(
      'SELECT new_id FROM redirects WHERE org = ? AND env = ? AND old_id = ?',
    ),
    retargetRedirects: db.prepare('UPDATE redirects SET new_id = ? WHERE org = ? AND env = ? AND new_id = ?'),
    insertRedirect: db.prepare(
      'INSERT OR REPLACE INTO redirects (org, env, old_id, new_id) VALUES (?, ?, ?, ?)',
    ),
    findEventOwner: db.prepare<[string, string, string], { profile_id: string }>(
      'SELECT profile_id FROM events WHERE org = ? AND env = ? AND message_id = ? AND duplicate = 0',
    ),
    findAcceptedEvent: db.prepare<[string, string, string], { profile_id: string; body: string }>(
      'SELECT profile_id, body FROM events WHERE org = ? AND env = ? AND message_id = ? AND duplicate = 0',
    ),
    insertEvent: db.prepare(
      'INSERT INTO events (org, env, profile_id, received_profile_id, message_id, received_at, duplicate, body, facts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    // The latest N (LIMIT -1: all), newest first, walking the profile index backwards (no sort);
    // reversed below.
    listEvents: db.prepare<[string, string, string, number], EventRow>(
      'SELECT seq, profile_id, message_id, received_at, facts FROM events WHERE org = ? AND env = ? AND profile_id = ? AND duplicate = 0 ORDER BY received_at DESC, seq DESC LIMIT ?',
    ),
    findFirstComponentEvent: db.prepare<[string, string, string, string], EventRow>(
      `SELECT seq, profile_id, message_id, received_at, facts FROM events WHERE org = ? AND env = ? AND profile_id = ? AND json_extract(facts, '$.experienceId') = ? AND ${STICKY_WHERE} ORDER BY received_at, seq LIMIT 1`,
    ),
    moveEvents: db.prepare('UPDATE events SET profile_id = ? WHERE org = ? AND env = ? AND profile_id = ?'),
    findAlias: db.prepare<[string, string, string], { profile_id: string }>(
      'SELECT profile_id FROM aliases WHERE org = ? AND env = ? AND alias = ?',
    ),
    setAlias: db.prepare('INSERT OR REPLACE INTO aliases (org, env, alias, profile_id) VALUES (?, ?, ?, ?)'),
    moveAliases: db.prepare('UPDATE aliases SET profile_id = ? WHERE org = ? AND env = ? AND profile_id = ?'),
    clearedSeq: db.prepare<[string, string], { cleared_seq: number }>(
      'SELECT cleared_seq FROM log_marks WHERE org = ? AND env = ?',
    ),
    listLog: db.prepare<[string, string, number, number], LogRow>(
      'SELECT received_profile_id, received_at, duplicate, body FROM events WHERE org = ? AND env = ? AND seq > ? AND duplicate <= ? ORDER BY seq',
    ),
    maxSeq: db.prepare<[string, string], { seq: number | null }>(
      'SELECT MAX(seq) AS seq FROM events WHERE org = ? AND env = ?',
    ),
    setCleared: db.prepare('INSERT OR REPLACE INTO log_marks (org, env, cleared_seq) VALUES (?, ?, ?)'),
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT request'),
    release: db.prepare('RELEASE request'),
    rollbackToSavepoint: db.prepare('ROLLBACK TO request'),
  };

  const toProfile = (row: ProfileRow): StoredProfile => ({
    id: row.id,
    stableId: row.stable_id,
    random: row.random,
    traits: JSON.parse(row.traits),
    location: JSON.parse(row.location),
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  });

  const toEvent = (row: EventRow): StoredEvent => ({
    seq: row.seq,
    profileId: row.profile_id,
    messageId: row.message_id,
    receivedAt: row.received_at,
    event: JSON.parse(row.facts),
  });

  function scoped({ organization: org, environment: env }: Scope): StoreTransaction {
    return {
      async getProfile(id) {
        const row = sql.getProfile.get(org, env, id);
        return row ? toProfile(row) : undefined;
      },
      async insertProfile(p) {
        sql.insertProfile.run(
          org,
          env,
          p.id,
          p.stableId,
          p.random,
          JSON.stringify(p.traits),
          JSON.stringify(p.location),
          p.createdAt,
          p.lastSeenAt,
        );
      },
      async updateProfile(p) {
        sql.updateProfile.run(
          JSON.stringify(p.traits),
          JSON.stringify(p.location),
          p.lastSeenAt,
          org,
          env,
          p.id,
        );
      },
      async getRedirect(id) {
        return sql.getRedirect.get(org, env, id)?.new_id;
      },
      async findEventOwner(messageId) {
        return sql.findEventOwner.get(org, env, messageId)?.profile_id;
      },
      async findAcceptedEvent(messageId) {
        const row = sql.findAcceptedEvent.get(org, env, messageId);
        return row ? { profileId: row.profile_id, event: JSON.parse(row.body) } : undefined;
      },
      async insertEvent(e: NewEvent) {
        sql.insertEvent.run(
          org,
          env,
          e.profileId,
          e.profileId,
          e.messageId,
          e.receivedAt,
          e.duplicate ? 1 : 0,
          JSON.stringify(e.event),
          // Duplicates are never evaluated: no facts needed.
          e.duplicate ? '{}' : JSON.stringify(factsOf(e.event)),
        );
      },
      async listEvents(profileId, { latest } = {}): Promise<StoredEvent[]> {
        return sql.listEvents
          .all(org, env, profileId, latest ?? -1)
          .reverse()
          .map(toEvent);
      },
      async findFirstComponentEvent(profileId, experienceId) {
        const row = sql.findFirstComponentEvent.get(org, env, profileId, experienceId);
        return row ? toEvent(row) : undefined;
      },
      async findAlias(alias) {
        return sql.findAlias.get(org, env, alias)?.profile_id;
      },
      async setAlias(alias, profileId) {
        sql.setAlias.run(org, env, alias, profileId);
      },
      async mergeProfile(fromId, intoId) {
        sql.moveEvents.run(intoId, org, env, fromId);
        sql.moveAliases.run(intoId, org, env, fromId);
        sql.retargetRedirects.run(intoId, org, env, fromId);
        sql.insertRedirect.run(org, env, fromId, intoId);
        sql.deleteProfile.run(org, env, fromId);
      },
    };
  }

  // One handle on the WAL for every fsync, opened once: concurrent first commits share the
  // opening (each opening its own would leave handles to the garbage collector, DEP0137).
  let wal: Promise<FileHandle | undefined> | undefined;
  async function syncWal(): Promise<void> {
    // The WAL file exists from the first transaction on and lives as long as the connection;
    // before it exists nothing was committed to it, so there is nothing to sync.
    wal ??= open(`${file}-wal`, 'r+').catch((error: NodeJS.ErrnoException) => {
      wal = undefined;
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    await (await wal)?.datasync();
  }

  const control: TransactionControl = {
    begin: () => sql.begin.run(),
    commit: () => sql.commit.run(),
    rollback: () => sql.rollback.run(),
    savepoint: () => sql.savepoint.run(),
    release: () => sql.release.run(),
    rollbackToSavepoint: () => sql.rollbackToSavepoint.run(),
    inTransaction: () => db.inTransaction,
    sync: groupCommit && file !== ':memory:' ? syncWal : async () => {},
  };
  const queue = createCommitQueue(control, { maxBatch: groupCommit ? 64 : 1 });

  let closed = false;
  const guarded = <T>(work: () => Promise<T>, keep: boolean): Promise<T> => {
    if (closed) return Promise.reject(new Error('[ninetailed] the store is closed'));
    return queue.run(work, { keep });
  };

  return {
    transaction(scope, { commit }, work) {
      return guarded(() => work(scoped(scope)), commit);
    },
    listLog({ organization, environment }, { includeDuplicates }) {
      return guarded(async () => {
        const cleared = sql.clearedSeq.get(organization, environment)?.cleared_seq ?? 0;
        return sql.listLog.all(organization, environment, cleared, includeDuplicates ? 1 : 0).map(
          (row): LogEntry => ({
            profileId: row.received_profile_id,
            receivedAt: new Date(row.received_at).toISOString(),
            event: JSON.parse(row.body),
            ...(row.duplicate ? { duplicate: true as const } : {}),
          }),
        );
      }, false);
    },
    clearLog({ organization, environment }) {
      return guarded(async () => {
        const seq = sql.maxSeq.get(organization, environment)?.seq ?? 0;
        sql.setCleared.run(organization, environment, seq);
      }, true);
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue.drained();
      await (await wal?.catch(() => undefined))?.close();
      db.close();
    },
  };
}
