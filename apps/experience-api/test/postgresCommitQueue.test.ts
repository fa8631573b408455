import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { createPostgresCommitQueue, type QueuedWork } from '../src/store/postgresCommitQueue';
import { onCleanup } from './helpers';
import { postgresUrlFor } from './testDatabase';

async function setUp(name: string) {
  const pool = new pg.Pool({ connectionString: await postgresUrlFor(`commit-queue/${name}`), max: 4 });
  onCleanup(() => pool.end());
  await pool.query('DROP TABLE IF EXISTS items');
  await pool.query('CREATE TABLE items (id text PRIMARY KEY, note text)');
  const rows = async () =>
    (await pool.query<{ id: string; note: string }>('SELECT id, note FROM items ORDER BY id')).rows;
  return { pool, rows };
}

// A piece of work as the store writes it: its first statement waits for BEGIN/SAVEPOINT.
const insert =
  (id: string, note = 'kept'): QueuedWork<string> =>
  async (client, before) => {
    await Promise.all([before, client.query('INSERT INTO items VALUES ($1, $2)', [id, note])]);
    return id;
  };

describe('PostgreSQL commit queue', () => {
  it('puts writes that arrive together into one transaction with one COMMIT, and answers each', async () => {
    const { pool, rows } = await setUp('shared');
    const queue = createPostgresCommitQueue(pool, { lanes: 1, maxBatch: 16, maxAttempts: 3 });
    const query = vi.spyOn(pg.Client.prototype, 'query');
    onCleanup(() => query.mockRestore());
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => queue.run(insert(`i${i}`), { keep: true })),
    );
    expect(answers).toEqual(Array.from({ length: 10 }, (_, i) => `i${i}`));
    const commits = query.mock.calls.filter(([text]) => text === 'COMMIT').length;
    expect(commits).toBe(1);
    expect((await rows()).length).toBe(10);
  });

  it('rolls back only the piece that fails: the others in its transaction are committed', async () => {
    const { pool, rows } = await setUp('isolated');
    const queue = createPostgresCommitQueue(pool, { lanes: 1, maxBatch: 16, maxAttempts: 3 });
    const failing: QueuedWork<string> = async (client, before) => {
      await Promise.all([before, client.query("INSERT INTO items VALUES ('bad', 'written first')")]);
      await client.query('SELECT 1 / 0'); // division_by_zero: not a race, not retried
      return 'never';
    };
    const results = await Promise.allSettled([
      queue.run(insert('a'), { keep: true }),
      queue.run(failing, { keep: true }),
      queue.run(insert('b'), { keep: true }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.code).toBe('22012');
    expect(await rows()).toEqual([
      { id: 'a', note: 'kept' },
      { id: 'b', note: 'kept' },
    ]);
  });

  it('undoes a piece run with keep: false and still answers it', async () => {
    const { pool, rows } = await setUp('preflight');
    const queue = createPostgresCommitQueue(pool, { lanes: 1, maxBatch: 16, maxAttempts: 3 });
    const [kept, undone] = await Promise.all([
      queue.run(insert('kept'), { keep: true }),
      queue.run(insert('undone'), { keep: false }),
    ]);
    expect([kept, undone]).toEqual(['kept', 'undone']);
    expect((await rows()).map((row) => row.id)).toEqual(['kept']);
  });

  it('runs a piece that lost a race again, alone, where it finds the winner’s row', async () => {
    const { pool, rows } = await setUp('race');
    const queue = createPostgresCommitQueue(pool, { lanes: 1, maxBatch: 16, maxAttempts: 3 });
    // The winner commits 'x' from another connection while the piece's first attempt runs.
    const attempts: string[] = [];
    const claim: QueuedWork<string> = async (client, before) => {
      await before;
      const found = await client.query<{ note: string }>("SELECT note FROM items WHERE id = 'x'");
      if (found.rows[0]) {
        attempts.push('found');
        return found.rows[0].note;
      }
      attempts.push('inserting');
      if (attempts.length === 1) await pool.query("INSERT INTO items VALUES ('x', 'winner')");
      await client.query("INSERT INTO items VALUES ('x', 'loser')"); // unique_violation on the first attempt
      return 'loser';
    };
    const [other, claimed] = await Promise.all([
      queue.run(insert('other'), { keep: true }),
      queue.run(claim, { keep: true }),
    ]);
    expect(other).toBe('other');
    expect(claimed).toBe('winner');
    expect(attempts).toEqual(['inserting', 'found']);
    expect(await rows()).toEqual([
      { id: 'other', note: 'kept' },
      { id: 'x', note: 'winner' },
    ]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const { pool } = await setUp('attempts');
    const queue = createPostgresCommitQueue(pool, { lanes: 1, maxBatch: 16, maxAttempts: 3 });
    let runs = 0;
    const alwaysLoses: QueuedWork<void> = async (client, before) => {
      runs++;
      await before;
      await client.query("DO $$ BEGIN RAISE EXCEPTION 'lost' USING ERRCODE = '40P01'; END $$");
    };
    await expect(queue.run(alwaysLoses, { keep: true })).rejects.toMatchObject({ code: '40P01' });
    expect(runs).toBe(3);
    await queue.drained();
  });

  it('fails every piece of a transaction whose connection breaks, commits nothing of it, and goes on', async () => {
    const { pool, rows } = await setUp('broken');
    const queue = createPostgresCommitQueue(pool, { lanes: 1, maxBatch: 16, maxAttempts: 3 });
    const killer: QueuedWork<void> = async (client, before) => {
      await before;
      const { rows: backend } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await pool.query('SELECT pg_terminate_backend($1)', [backend[0]?.pid]);
      await client.query('SELECT 1');
    };
    const results = await Promise.allSettled([
      queue.run(insert('before'), { keep: true }),
      queue.run(killer, { keep: true }),
      queue.run(insert('after'), { keep: true }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await rows()).toEqual([]);
    await expect(queue.run(insert('next'), { keep: true })).resolves.toBe('next');
    expect((await rows()).map((row) => row.id)).toEqual(['next']);
  });
});
