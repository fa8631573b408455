import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { Database } from './schema';

/** What differs between the two databases once queries are written with Kysely. */
export interface SqlDialect {
  name: 'sqlite' | 'postgres';
  /** Kysely for building and compiling queries only (it never connects: drivers run the SQL). */
  builder: Kysely<Database>;
  /** Row locks (`FOR UPDATE`) and advisory locks exist: other processes share the database. */
  locks: boolean;
  /** Encodes an id for a key column (PostgreSQL text cannot hold NUL). Injective: equality is kept. */
  key(text: string): string;
  /** Decodes what {@link SqlDialect.key} encoded. */
  unkey(text: string): string;
}

const same = (text: string) => text;
const NUL = String.fromCharCode(0);

/**
 * SQLite: text columns hold any string, nothing to encode.
 *
 * @example
 * sqliteDialect.builder.selectFrom('profiles').selectAll().compile().sql;
 */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  builder: new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  locks: false,
  key: same,
  unkey: same,
};

/**
 * PostgreSQL: `text` refuses NUL, which profile ids, `messageId`s and aliases may hold, so key
 * columns store `\` as `\\` and NUL as `\0` (reversible, and equal keys stay equal).
 *
 * @example
 * postgresDialect.key('p\u0000q'); // 'p\\0q'
 */
export const postgresDialect: SqlDialect = {
  name: 'postgres',
  builder: new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
  locks: true,
  key: (text) =>
    text.includes('\\') || text.includes(NUL) ? text.replaceAll('\\', '\\\\').replaceAll(NUL, '\\0') : text,
  unkey: (text) =>
    text.includes('\\') ? text.replace(/\\([\\0])/g, (_, c: string) => (c === '0' ? NUL : '\\')) : text,
};
