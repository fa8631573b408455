/**
 * The executable contract of `Store` (src/store/store.ts). Every store runs it: the SQLite store in
 * sqliteStore.test.ts; a PostgreSQL store adds one line there with its own `open`.
 */
import { describe, expect, it } from 'vitest';
import type { ExperienceEvent } from '../src/domain/types';
import {
  factsOf,
  type NewEvent,
  type Scope,
  type Store,
  type StoredProfile,
  type StoreTransaction,
} from '../src/store/store';
import { events, onCleanup } from './helpers';

/** Opens a store over a database; calling it twice with the same `key` opens the same database. */
export type OpenStore = (key: string) => Store | Promise<Store>;

const DEMO: Scope = { organization: 'demo', environment: 'main' };
const OTHER: Scope = { organization: 'demo', environment: 'staging' };

function profile(id: string, fields: Partial<StoredProfile> = {}): StoredProfile {
  return {
    id,
    stableId: `s-${id}`,
    random: 0.5,
    traits: {},
    location: {},
    createdAt: 1,
    lastSeenAt: 1,
    ...fields,
  };
}

function row(
  profileId: string,
  event: Record<string, unknown>,
  receivedAt: number,
  duplicate = false,
): NewEvent {
  return {
    profileId,
    messageId: String(event.messageId),
    receivedAt,
    duplicate,
    event: event as unknown as ExperienceEvent,
  };
}

/**
 * Registers the contract's tests for one store implementation.
 *
 * @example
 * describeStoreContract('sqlite', (key) => openSqliteStore(join(dir, `${key}.db`)));
 */
export function describeStoreContract(name: string, open: OpenStore): void {
  let n = 0;
  const fresh = async () => {
    const key = `contract-${++n}`;
    const store = await open(key);
    onCleanup(() => store.close());
    return { store, key };
  };
  const write = <T>(store: Store, work: (tx: StoreTransaction) => Promise<T>, scope = DEMO) =>
    store.transaction(scope, { commit: true }, work);
  const read = <T>(store: Store, work: (tx: StoreTransaction) => Promise<T>, scope = DEMO) =>
    store.transaction(scope, { commit: false }, work);

  describe(`Store contract: ${name}`, () => {
    it('commits, discards with commit: false, and rolls back a transaction whose work throws', async () => {
      const { store } = await fresh();
      await write(store, (tx) => tx.insertProfile(profile('kept')));
      const seen = await read(store, async (tx) => {
        await tx.insertProfile(profile('preflight'));
        return (await tx.getProfile('preflight'))?.id;
      });
      expect(seen).toBe('preflight');
      const failing = write(store, async (tx) => {
        await tx.insertProfile(profile('failed'));
        await tx.insertEvent(row('failed', events.page('/'), 5));
        throw new Error('work failed');
      });
      await expect(failing).rejects.toThrow('work failed');
      const ids = await read(store, async (tx) =>
        Promise.all(['kept', 'preflight', 'failed'].map(async (id) => (await tx.getProfile(id))?.id)),
      );
      expect(ids).toEqual(['kept', undefined, undefined]);
      expect(await store.listLog(DEMO, { includeDuplicates: true })).toEqual([]);
    });

    it('round-trips profiles exactly; updateProfile saves traits, location and lastSeenAt only', async () => {
      const { store } = await fresh();
      const traits = { 'a\u0000b': 'c', nested: { list: [1, 'two', null, true] }, emoji: '👩‍💻' };
      await write(store, (tx) => tx.insertProfile(profile('p', { traits, random: 0.123, createdAt: 10 })));
      await write(store, (tx) =>
        tx.updateProfile(
          profile('p', {
            stableId: 'changed',
            random: 0.9,
            createdAt: 99,
            traits: { x: 1 },
            location: { city: 'Köln' },
            lastSeenAt: 50,
          }),
        ),
      );
      expect(await read(store, (tx) => tx.getProfile('p'))).toEqual(
        profile('p', {
          random: 0.123,
          createdAt: 10,
          traits: { x: 1 },
          location: { city: 'Köln' },
          lastSeenAt: 50,
        }),
      );
    });

    it('lists accepted events oldest first (receive time, then insertion), with their facts; duplicates only in the log', async () => {
      const { store } = await fresh();
      const [late, early, sameTime, duplicate] = [
        events.page('/late'),
        events.track('early'),
        events.page('/same'),
        events.page('/dup'),
      ];
      await write(store, async (tx) => {
        await tx.insertProfile(profile('p'));
        await tx.insertEvent(row('p', late, 30));
        await tx.insertEvent(row('p', early, 10));
        await tx.insertEvent(row('p', sameTime, 30));
        await tx.insertEvent(row('p', { ...duplicate, messageId: late.messageId }, 40, true));
      });
      const listed = await read(store, (tx) => tx.listEvents('p'));
      expect(listed.map((e) => [e.messageId, e.receivedAt, e.profileId])).toEqual([
        [early.messageId, 10, 'p'],
        [late.messageId, 30, 'p'],
        [sameTime.messageId, 30, 'p'],
      ]);
      expect(listed[1]?.event).toEqual(
        JSON.parse(JSON.stringify(factsOf(late as unknown as ExperienceEvent))),
      );
      // `latest`: the most recent ones only, still oldest first.
      const latest = await read(store, (tx) => tx.listEvents('p', { latest: 2 }));
      expect(latest.map((e) => e.messageId)).toEqual([late.messageId, sameTime.messageId]);
      expect(await read(store, (tx) => tx.findEventOwner(late.messageId))).toBe('p');
      expect(await read(store, (tx) => tx.findEventOwner('unknown'))).toBeUndefined();

      const log = await store.listLog(DEMO, { includeDuplicates: true });
      expect(log.map((e) => [e.event.messageId, e.duplicate])).toEqual([
        [late.messageId, undefined],
        [early.messageId, undefined],
        [sameTime.messageId, undefined],
        [late.messageId, true],
      ]);
      expect(log[0]).toEqual({ profileId: 'p', receivedAt: new Date(30).toISOString(), event: late });
      expect(await store.listLog(DEMO, { includeDuplicates: false })).toHaveLength(3);
    });

    it("prefetchEvents: later lookups agree with the database and with the transaction's own writes and merges", async () => {
      const { store } = await fresh();
      const [known, fresh1, fresh2] = [events.page('/k'), events.page('/f1'), events.page('/f2')];
      await write(store, async (tx) => {
        await tx.insertProfile(profile('a'));
        await tx.insertEvent(row('a', known, 1));
      });
      const seen = await write(store, async (tx) => {
        await tx.insertProfile(profile('b'));
        await tx.prefetchEvents([known.messageId, fresh1.messageId, fresh2.messageId, known.messageId]);
        const before = [await tx.findEventOwner(known.messageId), await tx.findEventOwner(fresh1.messageId)];
        const stored = await tx.findAcceptedEvent(known.messageId);
        await tx.insertEvent(row('b', fresh1, 2));
        const afterInsert = await tx.findAcceptedEvent(fresh1.messageId);
        await tx.mergeProfile('b', 'a');
        return { before, stored, afterInsert, afterMerge: await tx.findEventOwner(fresh1.messageId) };
      });
      expect(seen).toEqual({
        before: ['a', undefined],
        stored: { profileId: 'a', event: known },
        afterInsert: { profileId: 'b', event: fresh1 },
        afterMerge: 'a',
      });
      // 300 ids (more than one prefetch statement), none known: all absent.
      const many = Array.from({ length: 300 }, (_, i) => `m-${i}`);
      const owners = await read(store, async (tx) => {
        await tx.prefetchEvents([...many, known.messageId]);
        return Promise.all([...many, known.messageId].map((id) => tx.findEventOwner(id)));
      });
      expect(owners.filter((owner) => owner !== undefined)).toEqual(['a']);
    });

    it('keeps the experience fields of component events in their facts (sticky experiences), also after a merge', async () => {
      const { store } = await fresh();
      const view = events.component({
        componentType: 'Variable',
        componentId: 'Variable-cta-color',
        experienceId: 'cta-test',
        variantIndex: 1,
        viewId: 'v-1',
        viewDurationMs: 2000,
      });
      await write(store, async (tx) => {
        await tx.insertProfile(profile('from'));
        await tx.insertProfile(profile('into'));
        await tx.insertEvent(row('from', view, 10));
        await tx.mergeProfile('from', 'into');
      });
      const listed = await read(store, (tx) => tx.listEvents('into'));
      expect(listed.map((e) => e.event)).toMatchObject([
        {
          type: 'component',
          componentType: 'Variable',
          componentId: 'Variable-cta-color',
          experienceId: 'cta-test',
          variantIndex: 1,
        },
      ]);
      expect(listed[0]?.event).toEqual(
        JSON.parse(JSON.stringify(factsOf(view as unknown as ExperienceEvent))),
      );
    });

    it('finds the first component event of an experience with a variantIndex in the whole history, also after a merge', async () => {
      const { store } = await fresh();
      const view = (experienceId: string, variantIndex?: number) =>
        events.component({ componentType: 'Entry', componentId: 'hero', experienceId, variantIndex });
      const [noIndex, second, first, sameTimeLater, other, dup, elsewhere] = [
        view('exp'),
        view('exp', 2),
        view('exp', 1),
        view('exp', 0),
        view('other', 3),
        view('exp', 0),
        view('exp', 4),
      ];
      await write(store, async (tx) => {
        await tx.insertProfile(profile('p'));
        await tx.insertProfile(profile('q'));
        await tx.insertEvent(row('p', noIndex, 5));
        await tx.insertEvent(row('p', second, 30));
        await tx.insertEvent(row('p', first, 20));
        await tx.insertEvent(row('p', sameTimeLater, 20));
        await tx.insertEvent(row('p', other, 40));
        await tx.insertEvent(row('p', { ...dup, messageId: `${dup.messageId}-d` }, 1, true));
        await tx.insertEvent(row('q', elsewhere, 2));
        for (let i = 0; i < 30; i++) await tx.insertEvent(row('p', events.page(`/${i}`), 100 + i));
      });
      const firstOf = (id: string, experienceId: string) =>
        read(store, (tx) => tx.findFirstComponentEvent(id, experienceId));
      // Oldest by receive time, then insertion; no variantIndex, duplicates and other profiles ignored.
      expect((await firstOf('p', 'exp'))?.messageId).toBe(first.messageId);
      expect((await firstOf('p', 'exp'))?.event).toMatchObject({ experienceId: 'exp', variantIndex: 1 });
      expect((await firstOf('p', 'other'))?.event.variantIndex).toBe(3);
      expect(await firstOf('p', 'unknown')).toBeUndefined();
      expect(await read(store, (tx) => tx.findFirstComponentEvent('p', 'exp'), OTHER)).toBeUndefined();
      // However many later events: not limited like listEvents({ latest }).
      expect(await read(store, (tx) => tx.listEvents('p', { latest: 10 }))).not.toContainEqual(
        expect.objectContaining({ messageId: first.messageId }),
      );
      // readProfileEvents: listEvents({ latest }) and these look-ups in one read, in request order.
      for (const latest of [1, 10, 1000]) {
        const combined = await read(store, (tx) =>
          tx.readProfileEvents('p', { latest, experienceIds: ['unknown', 'other', 'exp'] }),
        );
        expect(combined.events).toEqual(await read(store, (tx) => tx.listEvents('p', { latest })));
        expect(combined.firsts).toEqual([undefined, await firstOf('p', 'other'), await firstOf('p', 'exp')]);
      }
      expect(await read(store, (tx) => tx.readProfileEvents('p', { latest: 3, experienceIds: [] }))).toEqual({
        events: await read(store, (tx) => tx.listEvents('p', { latest: 3 })),
        firsts: [],
      });
      // Events still buffered in the transaction are read too.
      const buffered = await write(store, async (tx) => {
        await tx.insertEvent(
          row(
            'q2',
            events.component({
              componentType: 'Entry',
              componentId: 'hero',
              experienceId: 'exp',
              variantIndex: 1,
            }),
            3,
          ),
        );
        await tx.insertEvent(row('q2', events.page('/q2'), 4));
        return tx.readProfileEvents('q2', { latest: 10, experienceIds: ['exp'] });
      });
      expect(buffered.events.map((e) => e.receivedAt)).toEqual([3, 4]);
      expect(buffered.firsts[0]?.event.variantIndex).toBe(1);
      await write(store, (tx) => tx.mergeProfile('q', 'p'));
      expect((await firstOf('p', 'exp'))?.messageId).toBe(elsewhere.messageId);
      expect((await firstOf('p', 'exp'))?.profileId).toBe('p');
      expect(await firstOf('q', 'exp')).toBeUndefined();
    });

    it('keeps scopes apart: ids, messageIds, aliases and logs', async () => {
      const { store } = await fresh();
      const page = events.page('/');
      for (const [scope, traits] of [
        [DEMO, { env: 'main' }],
        [OTHER, { env: 'staging' }],
      ] as const) {
        await write(
          store,
          async (tx) => {
            await tx.insertProfile(profile('same-id', { traits }));
            await tx.insertEvent(row('same-id', page, 1));
            await tx.setAlias('alias', 'same-id');
          },
          scope,
        );
      }
      expect((await read(store, (tx) => tx.getProfile('same-id'), OTHER))?.traits).toEqual({
        env: 'staging',
      });
      await store.clearLog(DEMO);
      expect(await store.listLog(DEMO, { includeDuplicates: true })).toEqual([]);
      expect(await store.listLog(OTHER, { includeDuplicates: true })).toHaveLength(1);
      // clearLog clears the log only.
      expect(await read(store, (tx) => tx.listEvents('same-id'))).toHaveLength(1);
    });

    it('aliases: found byte for byte, and setAlias replaces the holder', async () => {
      const { store } = await fresh();
      await write(store, async (tx) => {
        await tx.setAlias('x\u0000y', 'a');
        await tx.setAlias('x', 'b');
        await tx.setAlias('x', 'c');
      });
      expect(
        await read(store, async (tx) => [
          await tx.findAlias('x\u0000y'),
          await tx.findAlias('x'),
          await tx.findAlias('X'),
        ]),
      ).toEqual(['a', 'c', undefined]);
    });

    it('mergeProfile moves events and aliases, deletes the merged profile, records and flattens redirects', async () => {
      const { store } = await fresh();
      const [a1, b1, c1] = [events.page('/a'), events.page('/b'), events.page('/c')];
      await write(store, async (tx) => {
        for (const id of ['a', 'b', 'c']) await tx.insertProfile(profile(id));
        await tx.insertEvent(row('a', a1, 20));
        await tx.insertEvent(row('b', b1, 10));
        await tx.insertEvent(row('c', c1, 30));
        await tx.setAlias('bee', 'b');
        await tx.mergeProfile('b', 'a');
      });
      await write(store, (tx) => tx.mergeProfile('a', 'c'));
      const state = await read(store, async (tx) => ({
        gone: [await tx.getProfile('a'), await tx.getProfile('b')],
        redirects: [await tx.getRedirect('a'), await tx.getRedirect('b'), await tx.getRedirect('c')],
        alias: await tx.findAlias('bee'),
        events: (await tx.listEvents('c')).map((e) => e.messageId),
        owner: await tx.findEventOwner(b1.messageId),
      }));
      expect(state).toEqual({
        gone: [undefined, undefined],
        redirects: ['c', 'c', undefined],
        alias: 'c',
        events: [b1.messageId, a1.messageId, c1.messageId],
        owner: 'c',
      });
      // The log keeps the profile each event was received for.
      expect((await store.listLog(DEMO, { includeDuplicates: false })).map((e) => e.profileId)).toEqual([
        'a',
        'b',
        'c',
      ]);
    });

    it('runs concurrent transactions as if one after another (one messageId is accepted once)', async () => {
      const { store } = await fresh();
      await write(store, (tx) => tx.insertProfile(profile('p')));
      const page = events.page('/');
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          write(store, async (tx) => {
            const owner = await tx.findEventOwner(page.messageId);
            await tx.insertEvent(row('p', page, i, owner !== undefined));
          }),
        ),
      );
      expect(await read(store, (tx) => tx.listEvents('p'))).toHaveLength(1);
      expect(await store.listLog(DEMO, { includeDuplicates: true })).toHaveLength(10);
    });

    it('keeps what was committed when reopened, and refuses work after close', async () => {
      const { store, key } = await fresh();
      await write(store, (tx) => tx.insertProfile(profile('durable', { traits: { a: 1 } })));
      await store.close();
      await store.close();
      await expect(write(store, (tx) => tx.getProfile('durable'))).rejects.toThrow(/closed/);
      const reopened = await open(key);
      onCleanup(() => reopened.close());
      expect((await read(reopened, (tx) => tx.getProfile('durable')))?.traits).toEqual({ a: 1 });
    });
  });
}
