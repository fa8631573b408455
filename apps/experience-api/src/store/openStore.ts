import { openPostgresStore } from './postgresStore';
import { openSqliteStore } from './sqliteStore';
import type { Store } from './store';

/** Where the data lives: a PostgreSQL URL wins over a SQLite file. */
export interface StoreLocation {
  /** `postgres://…` or `postgresql://…`: the PostgreSQL store (many processes may share it). */
  databaseUrl?: string;
  /** The SQLite file (one process), used when `databaseUrl` is not set. */
  databaseFile: string;
  /** SQLite only: requests that arrive together share one fsync'd commit. */
  groupCommit: boolean;
}

/**
 * Opens the store the options select, with its migrations applied.
 *
 * @example
 * const store = await openStore({ databaseUrl: process.env.DATABASE_URL, databaseFile: './api.db', groupCommit: true });
 */
export async function openStore({ databaseUrl, databaseFile, groupCommit }: StoreLocation): Promise<Store> {
  if (databaseUrl !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new Error(
        `[ninetailed] invalid database URL: expected postgres://user:password@host:port/database, got "${databaseUrl.slice(0, 20)}…"`,
      );
    }
    return openPostgresStore(databaseUrl, { groupCommit });
  }
  return openSqliteStore(databaseFile, { groupCommit });
}
