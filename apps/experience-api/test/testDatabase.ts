/**
 * Which store the API tests run on. The vitest project `postgres` (vitest.config.ts) sets
 * `NINETAILED_TEST_STORE=postgres` and provides the cluster's URL: every test file then gets its
 * own database on that cluster, and every SQLite file path a test names maps to its own schema
 * in that database (the same path, the same schema: restarts keep their data).
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** `postgres` in the vitest project of that name, `sqlite` otherwise. */
export const TEST_STORE: 'sqlite' | 'postgres' =
  process.env.NINETAILED_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

let database: Promise<{ url: URL; admin: pg.Client }> | undefined;

function fileDatabase(): Promise<{ url: URL; admin: pg.Client }> {
  database ??= (async () => {
    const cluster = inject('postgresUrl');
    const name = `test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const root = new pg.Client({ connectionString: cluster });
    await root.connect();
    await root.query(`CREATE DATABASE ${name}`);
    await root.end();
    const url = new URL(cluster);
    url.pathname = `/${name}`;
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    afterAll(async () => {
      await admin.end();
      const drop = new pg.Client({ connectionString: cluster });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    });
    return { url, admin };
  })();
  return database;
}

/**
 * The PostgreSQL URL standing for a SQLite file path: the test file's database, with
 * `search_path` set to a schema of that path (created if missing).
 *
 * @example
 * const databaseUrl = await postgresUrlFor(join(dir, 'api.db'));
 */
export async function postgresUrlFor(file: string): Promise<string> {
  const { url, admin } = await fileDatabase();
  const schema = `s_${createHash('sha256').update(file).digest('hex').slice(0, 16)}`;
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  return withSchema.toString();
}

/**
 * Every row of every table of the database behind a test server (SQLite file or PostgreSQL
 * schema), to compare before and after.
 *
 * @example
 * expect(await snapshotDatabase(api.databaseFile)).toEqual(before);
 */
export async function snapshotDatabase(file: string): Promise<Record<string, unknown[]>> {
  if (TEST_STORE === 'postgres') {
    const client = new pg.Client({ connectionString: await postgresUrlFor(file) });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name',
      );
      const result: Record<string, unknown[]> = {};
      for (const { name } of rows)
        result[name] = (await client.query(`SELECT * FROM "${name}" ORDER BY 1, 2, 3`)).rows;
      return result;
    } finally {
      await client.end();
    }
  }
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all();
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
  } finally {
    db.close();
  }
}
