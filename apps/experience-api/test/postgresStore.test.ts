import net from 'node:net';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import type { ExperienceDefinition } from '../src/domain/experiences/experienceTypes';
import { applyEvents } from '../src/domain/ingest';
import { digestLeaves, emptyDigest } from '../src/domain/profileDigest';
import { viewProfileData } from '../src/domain/profileView';
import type { ExperienceEvent } from '../src/domain/types';
import { MIGRATIONS } from '../src/store/migrations';
import { openPostgresStore, redactUrl } from '../src/store/postgresStore';
import { postgresDialect } from '../src/store/sqlDialect';
import { events, onCleanup } from './helpers';
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

  it('indexes events once per read order: no primary key index on seq (events_log covers it; migration 7)', async () => {
    const url = await postgresUrlFor('migrations/events-indexes');
    const store = await openPostgresStore(url);
    onCleanup(() => store.close());
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    onCleanup(() => client.end());
    const { rows } = await client.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'events' AND schemaname = current_schema() ORDER BY indexname",
    );
    expect(rows.map((row) => row.indexname)).toEqual([
      'events_log',
      'events_message',
      'events_profile',
      'events_sticky',
      'events_track',
    ]);
    // The order of seq (insertion order among equal receivedAt) is in the store contract, run above.
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

  it.each([
    { groupCommit: true, statements: 8, also: 'SAVEPOINT and RELEASE around the work' },
    { groupCommit: false, statements: 6, also: 'nothing else' },
  ])(
    'answers a profile update over 4 round trips (groupCommit: $groupCommit): BEGIN, the profile and its messageIds together; the events with the profile; the answer read; COMMIT; $statements statements with $also',
    async ({ groupCommit, statements }) => {
      const store = await openPostgresStore(await postgresUrlFor(`round-trips-${groupCommit}`), {
        groupCommit,
      });
      onCleanup(() => store.close());
      const scope = { organization: 'demo', environment: 'main' };
      const stored = {
        id: 'p',
        stableId: 's',
        random: 0.5,
        traits: {},
        location: {},
        createdAt: 1,
        lastSeenAt: 1,
        // As a profile made by this version has it (one made before gets it rebuilt once: 1 read more).
        digest: emptyDigest(digestLeaves([])),
      };
      await store.transaction(scope, { commit: true }, (tx) => tx.insertProfile(stored));
      const sticky = (id: string): ExperienceDefinition => ({
        id,
        type: 'nt_experiment',
        trafficAllocation: 1,
        distribution: [{ index: 0, start: 0, end: 1 }],
        sticky: true,
        components: [],
      });
      const batch = Array.from({ length: 50 }, (_, i) => events.page(`/${i}`) as unknown as ExperienceEvent);
      // On the wire: each write to the database's socket notes how many chunks of answers had
      // arrived by then; writes with the same count travelled together (pipelined), so the distinct
      // counts are the round trips.
      let received = 0;
      const writtenAfter: number[] = [];
      const emit = net.Socket.prototype.emit;
      const reads = vi.spyOn(net.Socket.prototype, 'emit').mockImplementation(function (
        this: net.Socket,
        event: string | symbol,
        ...args: unknown[]
      ) {
        if (event === 'data') received++;
        return (emit as (...a: unknown[]) => boolean).call(this, event, ...args);
      });
      onCleanup(() => reads.mockRestore());
      const write = net.Socket.prototype.write;
      const writes = vi.spyOn(net.Socket.prototype, 'write').mockImplementation(function (
        this: net.Socket,
        ...args: unknown[]
      ) {
        writtenAfter.push(received);
        return (write as (...a: unknown[]) => boolean).apply(this, args);
      });
      onCleanup(() => writes.mockRestore());
      const query = vi.spyOn(pg.Client.prototype, 'query');
      onCleanup(() => query.mockRestore());
      const data = await store.transaction(scope, { commit: true }, async (tx) => {
        // As updateProfileHandler does: the messageIds' look-up written right behind the profile's.
        const found = tx.getProfile('p');
        const prefetched = tx.prefetchEvents(batch.map((event) => event.messageId));
        const start = await found;
        await prefetched;
        if (!start) throw new Error('profile p is missing');
        const profile = await applyEvents(
          { tx, now: 10, newId: () => 'n', random: () => 0.5, audiences: [] },
          start,
          batch,
        );
        return viewProfileData(tx, profile, { audiences: [], experiences: [sticky('a'), sticky('b')] }, 10);
      });
      expect(query).toHaveBeenCalledTimes(statements);
      expect(new Set(writtenAfter).size).toBe(4);
      expect(data.profile.session.count).toBe(1);
      expect(data.experiences.map((e) => e.experienceId)).toEqual(['a', 'b']);
      // Everything was written: the 50 events (read back) and the profile's lastSeenAt.
      const after = await store.transaction(scope, { commit: false }, async (tx) => ({
        profile: await tx.getProfile('p'),
        events: await tx.listEvents('p'),
      }));
      expect(after.profile?.lastSeenAt).toBe(10);
      expect(after.events.map((e) => e.messageId)).toEqual(batch.map((e) => e.messageId));
    },
  );
});
