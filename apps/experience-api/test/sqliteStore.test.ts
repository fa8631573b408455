import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqliteStore';
import { describeStoreContract } from './storeContract';

const dir = mkdtempSync(join(tmpdir(), 'experience-api-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('SQLite, group commit', (key) => openSqliteStore(join(dir, `${key}.db`)));
describeStoreContract('SQLite, one commit per request', (key) =>
  openSqliteStore(join(dir, `${key}-single.db`), { groupCommit: false }),
);

describe('SQLite store: the WAL fsync handle', () => {
  const handlesOn = (target: string) =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === target;
      } catch {
        return false;
      }
    }).length;

  // Linux: counts the process's descriptors on the WAL file.
  it('is opened once, also when the first commits run concurrently (no DEP0137)', async () => {
    const file = join(dir, 'wal-once.db');
    const store = openSqliteStore(file);
    const scope = { organization: 'demo', environment: 'main' };
    const written: Promise<void>[] = [];
    // Each commit queues the next from inside its work: they land in successive batches
    // whose fsyncs overlap the first opening of the WAL.
    const chain = (n: number): Promise<void> =>
      store.transaction(scope, { commit: true }, async (tx) => {
        await tx.setAlias(`a${n}`, 'p');
        if (n < 6) written.push(chain(n + 1));
      });
    written.push(chain(0));
    while (written.length < 7) await Promise.all(written);
    await Promise.all(written);
    // SQLite's own descriptor plus the one kept for fsync.
    expect(handlesOn(`${file}-wal`)).toBe(2);
    await store.close();
    expect(handlesOn(`${file}-wal`)).toBe(0);
  });
});
