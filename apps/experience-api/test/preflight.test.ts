/**
 * `?type=preflight` evaluates and answers, and persists nothing: no row, no alias, no session
 * time, no `messageId` remembered, on every endpoint that takes events.
 */
import { describe, expect, it } from 'vitest';
import { events, inspect, request, startTestServer } from './helpers';
import { snapshotDatabase } from './testDatabase';

const MINUTE = 60_000;

describe('?type=preflight persists nothing', () => {
  it('leaves every table unchanged, on create, update and batch', async () => {
    const api = await startTestServer();
    const holder = (await api.post('/profiles', { events: [events.identify('alice', { a: 1 })] })).body.data
      .profile;
    const other = (await api.post('/profiles', { events: [events.page('/')] })).body.data.profile;
    const before = await snapshotDatabase(api.databaseFile);

    // An update that would merge `other` into the alias holder.
    const merge = await api.post(`/profiles/${other.id}?type=preflight`, {
      events: [events.identify('alice', { b: 2 }), events.track('add_to_cart')],
    });
    expect(merge.status).toBe(200);
    expect(merge.body.data.profile.id).toBe(holder.id);
    expect(merge.body.data.profile.traits).toEqual({ a: 1, b: 2 });
    expect(merge.body.data.profile.audiences).toContain('cart-adders');
    // A create, and a batch for a new and an existing profile.
    expect((await api.post('/profiles?type=preflight', { events: [events.identify('bob')] })).status).toBe(
      200,
    );
    const batch = await request(`${api.base}/events?type=preflight`, {
      method: 'POST',
      body: JSON.stringify({
        events: [
          events.page('/', {}, { anonymousId: 'server-1' }),
          events.identify('', { c: 3 }, { anonymousId: holder.id }),
        ],
      }),
    });
    expect(batch.body.data.profiles.map((p: { id: string }) => p.id)).toEqual(['server-1', holder.id]);

    expect(await snapshotDatabase(api.databaseFile)).toEqual(before);
    expect((await api.get(`/profiles/${other.id}`)).body.data.profile.id).toBe(other.id);
    expect((await api.get('/profiles/server-1')).status).toBe(404);
    expect((await api.get(`/profiles/${holder.id}`)).body.data.profile.traits).toEqual({ a: 1 });
  });

  it('claims no alias: the alias stays free for the next real identify', async () => {
    const api = await startTestServer();
    const p = (await api.post('/profiles', { events: [events.page('/')] })).body.data.profile;
    await api.post(`/profiles/${p.id}?type=preflight`, { events: [events.identify('carol')] });
    const q = (await api.post('/profiles', { events: [events.identify('carol')] })).body.data.profile;
    expect(q.id).not.toBe(p.id);
    // The real holder is q: p identifying as carol now merges into q.
    expect(
      (await api.post(`/profiles/${p.id}`, { events: [events.identify('carol')] })).body.data.profile.id,
    ).toBe(q.id);
  });

  it('remembers no messageId: the same events sent for real afterwards are applied, not deduplicated', async () => {
    const api = await startTestServer();
    const p = (await api.post('/profiles', { events: [events.page('/')] })).body.data.profile;
    const identify = events.identify('', { plan: 'pro' });
    await api.post(`/profiles/${p.id}?type=preflight`, { events: [identify] });
    const real = await api.post(`/profiles/${p.id}`, { events: [identify] });
    expect(real.body.data.profile.traits).toEqual({ plan: 'pro' });
    const log = (await inspect(api.url, true)).body.data.events;
    expect(
      log.map((e: { event: { messageId: string }; duplicate?: boolean }) => [
        e.event.messageId,
        !!e.duplicate,
      ]),
    ).toEqual([
      [expect.any(String), false],
      [identify.messageId, false],
    ]);
    // And a preflight create carrying an accepted messageId beside a new event is no retry (a
    // messageId is no credential): it answers a new profile, makes none and changes none.
    const retried = await api.post('/profiles?type=preflight', {
      events: [identify, events.identify('', { x: 1 })],
    });
    expect(retried.body.data.profile.id).not.toBe(p.id);
    expect(retried.body.data.profile.traits).toEqual({ x: 1 });
    expect((await api.get(`/profiles/${p.id}`)).body.data.profile.traits).toEqual({ plan: 'pro' });
  });

  it('moves no session: a preflight after 40 minutes shows a new session, the stored profile keeps one', async () => {
    const api = await startTestServer();
    const p = (await api.post('/profiles', { events: [events.page('/landing')] })).body.data.profile;
    api.clock.now += 40 * MINUTE;
    const preflight = await api.post(`/profiles/${p.id}?type=preflight`, { events: [events.page('/next')] });
    expect(preflight.body.data.profile.session).toMatchObject({ count: 2, isReturningVisitor: true });
    expect(preflight.body.data.profile.session.landingPage.path).toBe('/next');

    const read = (await api.get(`/profiles/${p.id}`)).body.data.profile;
    expect(read.session).toEqual(p.session);
    expect(read.audiences).not.toContain('returning');
  });
});
