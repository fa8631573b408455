import { describe, expect, it } from 'vitest';
import { createCommitQueue, type TransactionControl } from '../src/store/commitQueue';

function fakeControl() {
  const log: string[] = [];
  let inTransaction = false;
  let releaseSync: (() => void) | undefined;
  let failCommit = false;
  const control: TransactionControl = {
    begin: () => {
      log.push('begin');
      inTransaction = true;
    },
    commit: () => {
      if (failCommit) throw new Error('disk full');
      log.push('commit');
      inTransaction = false;
    },
    rollback: () => {
      log.push('rollback');
      inTransaction = false;
    },
    savepoint: () => log.push('savepoint'),
    release: () => log.push('release'),
    rollbackToSavepoint: () => log.push('rollback-to'),
    inTransaction: () => inTransaction,
    sync: () => {
      log.push('sync');
      return new Promise<void>((resolve) => {
        releaseSync = resolve;
      });
    },
  };
  return {
    control,
    log,
    finishSync: () => releaseSync?.(),
    failNextCommit: () => {
      failCommit = true;
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('commit queue (group commit)', () => {
  it('runs items queued together in one transaction, each in its own savepoint', async () => {
    const fake = fakeControl();
    const queue = createCommitQueue(fake.control, { maxBatch: 64 });
    const a = queue.run(async () => 'a', { keep: true });
    const b = queue.run(async () => 'b', { keep: false });
    await flush();
    expect(fake.log).toEqual([
      'begin',
      'savepoint',
      'release',
      'savepoint',
      'rollback-to',
      'release',
      'commit',
      'sync',
    ]);
    fake.finishSync();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
  });

  it('answers nobody before the sync completes', async () => {
    const fake = fakeControl();
    const queue = createCommitQueue(fake.control, { maxBatch: 64 });
    let done = false;
    const item = queue
      .run(async () => 1, { keep: true })
      .then(() => {
        done = true;
      });
    await flush();
    await flush();
    expect(fake.log.at(-1)).toBe('sync');
    expect(done).toBe(false);
    fake.finishSync();
    await item;
    expect(done).toBe(true);
  });

  it('undoes only the failing item and rejects it; the others commit', async () => {
    const fake = fakeControl();
    const queue = createCommitQueue(fake.control, { maxBatch: 64 });
    const good = queue.run(async () => 'ok', { keep: true });
    const bad = queue.run(
      async () => {
        throw new Error('bad request');
      },
      { keep: true },
    );
    await flush();
    fake.finishSync();
    await expect(good).resolves.toBe('ok');
    await expect(bad).rejects.toThrow('bad request');
    expect(fake.log).toEqual([
      'begin',
      'savepoint',
      'release',
      'savepoint',
      'rollback-to',
      'release',
      'commit',
      'sync',
    ]);
  });

  it('with maxBatch 1, every item is its own transaction', async () => {
    const fake = fakeControl();
    const queue = createCommitQueue(fake.control, { maxBatch: 1 });
    const items = [queue.run(async () => 1, { keep: true }), queue.run(async () => 2, { keep: true })];
    await flush();
    fake.finishSync();
    await flush();
    fake.finishSync();
    expect(await Promise.all(items)).toEqual([1, 2]);
    expect(fake.log.filter((l) => l === 'commit')).toHaveLength(2);
  });

  it('rejects every item of a batch whose commit fails', async () => {
    const fake = fakeControl();
    const queue = createCommitQueue(fake.control, { maxBatch: 64 });
    fake.failNextCommit();
    const items = [queue.run(async () => 1, { keep: true }), queue.run(async () => 2, { keep: false })];
    await flush();
    fake.finishSync();
    for (const item of items) await expect(item).rejects.toThrow('disk full');
    expect(fake.log).toContain('rollback');
  });

  it('drained() waits for queued work and its sync', async () => {
    const fake = fakeControl();
    const queue = createCommitQueue(fake.control, { maxBatch: 64 });
    void queue.run(async () => 1, { keep: true });
    let drained = false;
    const waiting = queue.drained().then(() => {
      drained = true;
    });
    await flush();
    expect(drained).toBe(false);
    fake.finishSync();
    await waiting;
    expect(drained).toBe(true);
  });
});
