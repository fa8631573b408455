import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStore } from '../src/store/sqliteStore';
import { describeStoreContract } from './storeContract';

const dir = mkdtempSync(join(tmpdir(), 'experience-api-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('SQLite, group commit', (key) => openSqliteStore(join(dir, `${key}.db`)));
describeStoreContract('SQLite, one commit per request', (key) =>
  openSqliteStore(join(dir, `${key}-single.db`), { groupCommit: false }),
);
