import type pg from 'pg';
import { corkForTick } from './corkForTick';

/** SQLSTATEs after which a piece of work runs again (unique_violation, deadlock_detected, serialization_failure). */
const RETRYABLE = new Set(['23505', '40P01', '40001']);

/**
 * How long to wait before running again work whose `attempt`-th run failed with `error`, or
 * `undefined` when it must not run again (not a lost race, or no attempts left). Jittered, so the
 * transactions that collided do not collide again.
 *
 * @example
 * const delay = retryDelay(error, attempt, 10);
 * if (delay === undefined) throw error;
 */
export function retryDelay(error: unknown, attempt: number, maxAttempts: number): number | undefined {
  const code = (error as { code?: string }).code;
  if (attempt >= maxAttempts || code === undefined || !RETRYABLE.has(code)) return undefined;
  return Math.random() * 5 * attempt;
}

/** What one piece of work gets: the connection and a promise of the statement written before its first one. */
export type QueuedWork<T> = (client: pg.PoolClient, before: Promise<unknown>) => Promise<T>;

const quiet = new WeakSet<pg.PoolClient>();

/**
 * Listens for the errors a checked-out connection emits when it breaks between statements (the
 * server restarted, the backend was terminated): without a listener they would end the process.
 * The statement that follows fails instead, and the work with it.
 */
export function guardConnection(client: pg.PoolClient): pg.PoolClient {
  if (!quiet.has(client)) {
    quiet.add(client);
    client.on('error', () => {});
  }
  return client;
}

interface Job {
  work: QueuedWork<unknown>;
  keep: boolean;
  attempt: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Options of {@link createPostgresCommitQueue}. */
export interface PostgresCommitQueueOptions {
  /** Transactions in flight at once, each on its own connection. */
  lanes: number;
  /** Pieces of work one transaction holds at most (1: a transaction per piece of work). */
  maxBatch: number;
  /** Runs of one piece of work that lost a race (see {@link RETRYABLE}) before its error is returned. */
  maxAttempts: number;
}

/** Runs write transactions for the PostgreSQL store; see {@link createPostgresCommitQueue}. */
export interface PostgresCommitQueue {
  /** Runs `work` in its own savepoint; `keep: false` undoes its writes. Resolves after COMMIT. */
  run<T>(work: QueuedWork<T>, options: { keep: boolean }): Promise<T>;
  /** Resolves when no work is queued or running. */
  drained(): Promise<void>;
}

/**
 * Group commit for PostgreSQL. Work that arrives together shares one transaction on one
 * connection: each piece runs inside its own SAVEPOINT (all-or-nothing on its own; one that fails
 * is rolled back to it and the others go on), and one COMMIT (one WAL flush) completes before any
 * of them is answered. Up to `lanes` such transactions run at once. A piece that loses a race to
 * another process (a messageId, profile id or alias committed first, a deadlock) is rolled back to
 * its savepoint, which also releases the locks it took, and queued again for a later transaction,
 * where it finds the winner's rows.
 *
 * @example
 * const queue = createPostgresCommitQueue(pool, { lanes: 4, maxBatch: 16, maxAttempts: 10 });
 * await queue.run((client, before) => insertRows(client, before), { keep: true }); // committed
 */
export function createPostgresCommitQueue(
  pool: pg.Pool,
  { lanes, maxBatch, maxAttempts }: PostgresCommitQueueOptions,
): PostgresCommitQueue {
  const jobs: Job[] = [];
  let active = 0;
  let scheduled = false;
  let retrying = 0;
  let waiters: (() => void)[] = [];

  const idle = () => active === 0 && !scheduled && retrying === 0 && jobs.length === 0;

  function schedule(): void {
    if (scheduled || active >= lanes || jobs.length === 0) return;
    scheduled = true;
    // After the current I/O phase, so requests that arrived together join one transaction.
    setImmediate(() => {
      scheduled = false;
      while (active < lanes && jobs.length > 0) void runBatch(jobs.splice(0, maxBatch));
    });
  }

  function retry(job: Job, error: unknown): boolean {
    const delay = retryDelay(error, job.attempt, maxAttempts);
    if (delay === undefined) return false;
    job.attempt++;
    retrying++;
    setTimeout(() => {
      retrying--;
      jobs.push(job);
      schedule();
    }, delay);
    return true;
  }

  async function runBatch(batch: Job[]): Promise<void> {
    active++;
    const done: { job: Job; value: unknown }[] = [];
    let handled = 0;
    let client: pg.PoolClient | undefined;
    let broken: Error | undefined;
    try {
      client = guardConnection(await pool.connect());
      corkForTick(client);
      const begun = client.query('BEGIN');
      begun.catch(() => {});
      let before: Promise<unknown> = begun;
      for (const job of batch) {
        // Written together with the work's first statement (pipelined): no round trip of its own.
        corkForTick(client);
        const savepoint = client.query('SAVEPOINT work');
        savepoint.catch(() => {});
        const start = Promise.all([before, savepoint]);
        start.catch(() => {});
        try {
          const value = await job.work(client, start);
          await start;
          corkForTick(client);
          const end = client.query(job.keep ? 'RELEASE work' : 'ROLLBACK TO work');
          end.catch(() => {});
          before = end;
          if (!job.keep) {
            const released = client.query('RELEASE work');
            released.catch(() => {});
            before = Promise.all([end, released]);
          }
          done.push({ job, value });
        } catch (error) {
          // Undo this piece only; if that fails too, the connection is unusable (caught below).
          corkForTick(client);
          await Promise.all([client.query('ROLLBACK TO work'), client.query('RELEASE work')]);
          before = Promise.resolve();
          if (!retry(job, error)) job.reject(error);
        }
        handled++;
      }
      // Behind the last RELEASE (pipelined). COMMIT of a transaction that failed would answer
      // ROLLBACK without an error: the RELEASE's own answer is what tells.
      corkForTick(client);
      await Promise.all([before, client.query('COMMIT')]);
      for (const { job, value } of done) job.resolve(value);
    } catch (error) {
      broken = error as Error;
      if (client)
        await client.query('ROLLBACK').then(
          () => (broken = undefined),
          () => {},
        );
      // Nothing of this transaction was committed: the pieces still waiting for it fail (or run again).
      for (const { job } of done) if (!retry(job, error)) job.reject(error);
      for (const job of batch.slice(handled)) job.reject(error);
    } finally {
      client?.release(broken);
      active--;
      schedule();
      if (idle()) {
        const resolveAll = waiters;
        waiters = [];
        for (const resolve of resolveAll) resolve();
      }
    }
  }

  return {
    run<T>(work: QueuedWork<T>, { keep }: { keep: boolean }): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        jobs.push({ work, keep, attempt: 1, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
    drained() {
      if (idle()) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
