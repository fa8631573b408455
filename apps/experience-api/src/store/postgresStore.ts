import pg from 'pg';
import { corkForTick } from './corkForTick';
import { migratePostgres } from './migrations';
import { createPostgresCommitQueue, guardConnection, retryDelay } from './postgresCommitQueue';
import { createQueries } from './queries';
import { postgresDialect } from './sqlDialect';
import { clearLog, type Execute, listLog, sqlTransaction } from './sqlTransaction';
import type { Store } from './store';

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /** Connections this process keeps at most (default 10). */
  poolSize?: number;
  /** Attempts of a transaction that lost a race to another one (default 10). */
  maxAttempts?: number;
  /**
   * Writes that arrive together share one transaction, each in its own savepoint, and one
   * COMMIT (default true); false: one transaction per write.
   */
  groupCommit?: boolean;
  /**
   * Group commit: write transactions in flight at once, each on its own connection (default 2;
   * more connections working at once only add context switches on a small machine, see the
   * benchmark in the README).
   */
  lanes?: number;
  /** Group commit: writes one transaction holds at most (default 32). */
  maxBatch?: number;
}

const BIGINT = 20;
// Timestamps and sequence numbers are bigint; they stay far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === BIGINT
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Opens the PostgreSQL store at `url` (`postgres://user:password@host:port/database`; the
 * schema is the connection's `search_path`) and applies pending migrations before resolving.
 * Every server process on one database behaves as one server:
 * - writes that arrive together share one READ COMMITTED transaction (group commit, see
 *   {@link createPostgresCommitQueue}), each in its own savepoint; each is answered after COMMIT
 *   returns (with PostgreSQL's default `synchronous_commit = on`, after its WAL is flushed: a
 *   process killed right after loses nothing it answered). With `groupCommit: false`, and for
 *   reads, each request is its own transaction;
 * - writes lock the profile rows they read (`SELECT … FOR UPDATE`) and every alias they look
 *   up (an advisory lock, since an absent row cannot be locked), so requests on one profile or
 *   alias from any process run one after another and see each other's events;
 * - a unique index admits one accepted event per `messageId`; a request that loses that race
 *   (or an alias or profile id race, or a deadlock) is rolled back (to its savepoint) and run
 *   again from the start, where it now finds the winner's rows.
 *
 * @example
 * const store = await openPostgresStore('postgres://postgres@127.0.0.1:5432/postgres');
 * await store.close();
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const maxAttempts = options.maxAttempts ?? 10;
  const groupCommit = options.groupCommit ?? true;
  // Pipeline mode: a query is written without waiting for the answers before it, so BEGIN
  // travels with a transaction's first statement (one round trip fewer per request). Each query
  // keeps its own Sync, so an error still fails only its own query (and, inside the
  // transaction, what follows it).
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types, pipeline: true });
  // An idle connection that breaks (database restarted) is dropped; without a listener the
  // error would end the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw new Error(`[ninetailed] cannot open the PostgreSQL database ${redactUrl(url)}: ${String(error)}`);
  }

  const q = createQueries(postgresDialect);
  const statementNames = new Map<string, string>();
  const executor = (client: pg.PoolClient, begun: Promise<unknown>): Execute => {
    // Statements are written at once (pipelined) and PostgreSQL runs them one after another in
    // call order, so work that starts independent statements together (the profile and the
    // request's messageIds) waits one round trip for both. The first also fails if BEGIN did.
    let first: Promise<unknown> | undefined = begun;
    return ({ sql, parameters }) => {
      // Named statements are parsed and planned once per connection.
      let name = statementNames.get(sql);
      if (name === undefined) {
        name = `nt${statementNames.size}`;
        statementNames.set(sql, name);
      }
      const after = first;
      first = undefined;
      corkForTick(client);
      const result = client.query({ name, text: sql, values: parameters });
      return (after ? Promise.all([after, result]).then(([, answer]) => answer) : result).then(
        ({ rows }) => rows,
      );
    };
  };

  const queue = createPostgresCommitQueue(pool, {
    lanes: options.lanes ?? 2,
    maxBatch: options.maxBatch ?? 32,
    maxAttempts,
  });
  const write = <T>(keep: boolean, run: (execute: Execute) => Promise<T>): Promise<T> => {
    if (!groupCommit || !keep) return withClient(keep, run);
    if (closed) return Promise.reject(new Error('[ninetailed] the store is closed'));
    return queue.run((client, before) => run(executor(client, before)), { keep });
  };

  let running = 0;
  let closed = false;
  let idle: (() => void) | undefined;

  async function withClient<T>(commit: boolean, run: (execute: Execute) => Promise<T>): Promise<T> {
    if (closed) throw new Error('[ninetailed] the store is closed');
    running++;
    try {
      for (let attempt = 1; ; attempt++) {
        const client = guardConnection(await pool.connect());
        let broken: Error | undefined;
        try {
          corkForTick(client);
          const begun = client.query('BEGIN');
          // Awaited below, and by the first statement (a rejection is never left unhandled).
          begun.catch(() => {});
          const value = await run(executor(client, begun));
          await begun;
          await client.query(commit ? 'COMMIT' : 'ROLLBACK');
          return value;
        } catch (error) {
          await client.query('ROLLBACK').catch((rollbackError: Error) => {
            broken = rollbackError;
          });
          const delay = retryDelay(error, attempt, maxAttempts);
          if (delay === undefined) throw error;
          await new Promise((resolve) => setTimeout(resolve, delay));
        } finally {
          client.release(broken);
        }
      }
    } finally {
      running--;
      if (running === 0) idle?.();
    }
  }

  return {
    transaction(scope, { commit }, work) {
      return write(commit, async (execute) => {
        const tx = sqlTransaction(execute, q, postgresDialect, scope, { lock: commit });
        const value = await work(tx);
        await tx.flush();
        return value;
      });
    },
    listLog(scope, { includeDuplicates }) {
      return withClient(false, (execute) => listLog(execute, q, postgresDialect, scope, includeDuplicates));
    },
    clearLog(scope) {
      return write(true, (execute) => clearLog(execute, q, scope));
    },
    statements(options, work) {
      return write(options.commit, (execute) => work(execute, postgresDialect));
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue.drained();
      if (running > 0) await new Promise<void>((resolve) => (idle = resolve));
      await pool.end();
    },
  };
}

/**
 * The URL with its password replaced by `***`, for logs and errors.
 *
 * @example
 * redactUrl('postgres://app:secret@db:5432/api'); // 'postgres://app:***@db:5432/api'
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
