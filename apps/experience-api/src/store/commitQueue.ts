/** The transaction statements the commit queue drives (synchronous, as in better-sqlite3). */
export interface TransactionControl {
  begin(): void;
  commit(): void;
  rollback(): void;
  savepoint(): void;
  release(): void;
  rollbackToSavepoint(): void;
  inTransaction(): boolean;
  /**
   * Makes committed writes durable (for SQLite in WAL mode with `synchronous = NORMAL`: an
   * fdatasync of the WAL file, off the event loop). A no-op when COMMIT itself syncs.
   */
  sync(): Promise<void>;
}

interface Job {
  work: () => Promise<unknown>;
  keep: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Runs work in turns on one connection; see {@link createCommitQueue}. */
export interface CommitQueue {
  /** Runs `work` in its own savepoint; `keep: false` undoes its writes (preflight, reads). */
  run<T>(work: () => Promise<T>, options: { keep: boolean }): Promise<T>;
  /** Resolves when no work is queued or running. */
  drained(): Promise<void>;
}

/**
 * Group commit. Work items take turns on the single connection (the store's calls are
 * synchronous but requests are async around them). Items queued together share one
 * transaction: each runs inside its own SAVEPOINT, so it is all-or-nothing on its own, and the
 * shared COMMIT plus `sync()` (one fsync) completes before any of them is answered. While one
 * batch's fsync runs, the next batch already executes. With `maxBatch: 1` every item is its own
 * transaction.
 *
 * @example
 * const queue = createCommitQueue(control, { maxBatch: 64 });
 * await queue.run(async () => insertRows(), { keep: true }); // durable when this resolves
 */
export function createCommitQueue(db: TransactionControl, { maxBatch }: { maxBatch: number }): CommitQueue {
  const jobs: Job[] = [];
  let running = false;
  let scheduled = false;
  let syncing = 0;
  let waiters: (() => void)[] = [];

  function schedule(): void {
    if (scheduled || running) return;
    scheduled = true;
    // After the current I/O phase, so requests that arrived together join one batch.
    setImmediate(() => {
      scheduled = false;
      void runBatch();
    });
  }

  async function runBatch(): Promise<void> {
    running = true;
    const batch = jobs.splice(0, maxBatch);
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      db.begin();
      for (const job of batch) {
        db.savepoint();
        try {
          const value = await job.work();
          if (!job.keep) db.rollbackToSavepoint();
          db.release();
          outcomes.push({ ok: true, value });
        } catch (error) {
          outcomes.push({ ok: false, value: error });
          if (db.inTransaction()) {
            db.rollbackToSavepoint();
            db.release();
          } else {
            // SQLite aborted the whole transaction: earlier items' writes are gone with it.
            for (const outcome of outcomes)
              if (outcome.ok) Object.assign(outcome, { ok: false, value: error });
            db.begin();
          }
        }
      }
      db.commit();
    } catch (error) {
      if (db.inTransaction()) db.rollback();
      for (const outcome of outcomes) Object.assign(outcome, { ok: false, value: error });
      while (outcomes.length < batch.length) outcomes.push({ ok: false, value: error });
    }
    running = false;
    if (jobs.length > 0) schedule();
    // Reads wait too: they may have seen writes of an earlier batch whose sync is still running,
    // and a sync started now covers everything committed so far.
    syncing++;
    try {
      await db.sync();
    } catch (error) {
      for (const outcome of outcomes) Object.assign(outcome, { ok: false, value: error });
    }
    syncing--;
    batch.forEach((job, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.value);
    });
    if (!running && !scheduled && syncing === 0 && jobs.length === 0) {
      const done = waiters;
      waiters = [];
      for (const resolve of done) resolve();
    }
  }

  return {
    run<T>(work: () => Promise<T>, { keep }: { keep: boolean }): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        jobs.push({ work, keep, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
    drained() {
      if (!running && !scheduled && syncing === 0 && jobs.length === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
