import { mkdirSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createCommitQueue, type TransactionControl } from './commitQueue';
import { migrateSqlite } from './migrations';
import { createQueries } from './queries';
import { sqliteDialect } from './sqlDialect';
import { clearLog, type Execute, listLog, sqlTransaction } from './sqlTransaction';
import type { Store } from './store';

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
  migrateSqlite(db);

  // Statements are compiled by Kysely once (queries.ts); better-sqlite3 prepares each SQL text once.
  const statements = new Map<string, Database.Statement>();
  const execute: Execute = async ({ sql, parameters }) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    if (statement.reader) return statement.all(...parameters) as Record<string, unknown>[];
    statement.run(...parameters);
    return [];
  };
  const q = createQueries(sqliteDialect);
  const sql = {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT request'),
    release: db.prepare('RELEASE request'),
    rollbackToSavepoint: db.prepare('ROLLBACK TO request'),
  };

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
      return guarded(async () => {
        const tx = sqlTransaction(execute, q, sqliteDialect, scope, { lock: false });
        const value = await work(tx);
        await tx.flush();
        return value;
      }, commit);
    },
    listLog(scope, { includeDuplicates }) {
      return guarded(() => listLog(execute, q, sqliteDialect, scope, includeDuplicates), false);
    },
    clearLog(scope) {
      return guarded(() => clearLog(execute, q, scope), true);
    },
    statements(options, work) {
      return guarded(() => work(execute, sqliteDialect), options.commit);
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
