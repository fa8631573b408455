import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/store/migrations';
import { openPostgresStore, redactUrl } from '../src/store/postgresStore';
import { postgresDialect } from '../src/store/sqlDialect';
import { onCleanup } from './helpers';
import { describeStoreContract } from './storeContract';
import { postgresUrlFor } from './testDatabase';

describeStoreContract('PostgreSQL', async (key) =>
  openPostgresStore(await postgresUrlFor(`contract/${key}`)),
);

describe('PostgreSQL store', () => {
  it('applies migrations once when several processes start on an empty database at the same moment', async () => {
    const url = await postgresUrlFor('migrations/concurrent');
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(url)));
    onCleanup(() => Promise.all(stores.map((store) => store.close())).then(() => {}));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    onCleanup(() => client.end());
    const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows).toEqual(MIGRATIONS.map(({ version }) => ({ version })));
  });

  it('keeps NUL and backslashes in ids: the key encoding is reversible and keeps equal keys equal', () => {
    for (const text of ['plain', 'a\u0000b', '\\0', '\\\\\u0000', 'x\\', '\u0000\\0\u0000', 'line\\\nnext']) {
      expect(postgresDialect.unkey(postgresDialect.key(text))).toBe(text);
      expect(postgresDialect.key(text)).not.toContain('\u0000');
    }
    expect(postgresDialect.key('a\u0000')).not.toBe(postgresDialect.key('a\\0'));
  });

  it('refuses to start on an unreachable database, naming it without its password', async () => {
    await expect(openPostgresStore('postgres://app:secret@127.0.0.1:1/none')).rejects.toThrow(
      /\[ninetailed\] cannot open the PostgreSQL database postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/none/,
    );
    expect(redactUrl('postgres://app:secret@db:5432/api')).toBe('postgres://app:***@db:5432/api');
  });
});
