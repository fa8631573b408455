import { describe, expect, it } from 'vitest';
import { events, inspect, request, startTestServer } from './helpers';

const MINUTE = 60_000;

describe('identify, aliases and merging', () => {
  it('deep-merges identify traits into the profile, later wins', async () => {
    const api = await startTestServer();
    const { id } = (
      await api.post('/profiles', {
        events: [
          events.identify('', { address: { city: 'Berlin', zip: '10115' }, tags: ['a'], plan: 'free' }),
        ],
      })
    ).body.data.profile;
    const updated = await api.post(`/profiles/${id}`, {
      events: [
        events.identify('', { address: { city: 'Hamburg' }, tags: ['b'] }),
        events.identify('', { plan: 'pro' }),
      ],
    });
    expect(updated.body.data.profile.traits).toEqual({
      address: { city: 'Hamburg', zip: '10115' },
      tags: ['b'],
      plan: 'pro',
    });
  });

  it('two devices that identify with the same alias end up as one profile with both histories', async () => {
    const api = await startTestServer();
    const start = api.clock.now;
    // Device A: news reader, identifies as "alice".
    const a = (
      await api.post('/profiles', {
        events: [
          events.page('/news/1', { category: 'news' }),
          events.page('/news/2', { category: 'news' }),
          events.identify('alice', { favoriteColor: 'blue', shared: { fromA: true, color: 'a' } }),
        ],
      })
    ).body.data.profile;
    expect(a.audiences).not.toContain('news-readers');

    // Device B, later: another news page, add to cart, then identifies as "alice".
    api.clock.now = start + 5 * MINUTE;
    const b = (await api.post('/profiles', { events: [events.page('/news/3', { category: 'news' })] })).body
      .data.profile;
    expect(b.id).not.toBe(a.id);
    api.clock.now = start + 6 * MINUTE;
    const merged = await api.post(`/profiles/${b.id}`, {
      events: [
        events.track('add_to_cart'),
        events.identify('alice', { favoriteColor: 'red', shared: { fromB: true, color: 'b' } }),
        events.page('/after-merge'),
      ],
    });

    expect(merged.status).toBe(200);
    const profile = merged.body.data.profile;
    // The alias holder survives, with its ids and random.
    expect(profile.id).toBe(a.id);
    expect(profile.stableId).toBe(a.stableId);
    expect(profile.random).toBe(a.random);
    // Traits merged, the most recent activity (device B) winning.
    expect(profile.traits).toEqual({
      favoriteColor: 'red',
      shared: { fromA: true, fromB: true, color: 'b' },
    });
    // Both histories: 3 news pages (2 from A, 1 from B) and B's add_to_cart.
    expect(profile.audiences).toEqual(['news-readers', 'cart-adders', 'red-fans']);
    expect(profile.session.landingPage.path).toBe('/news/1');
    expect(profile.session.activeSessionLength).toBe(6 * MINUTE);

    // Events after the identify in the same request went to the survivor.
    const log = (await inspect(api.url)).body.data.events;
    expect(log.at(-1).event.properties.path).toBe('/after-merge');
    expect(log.at(-1).profileId).toBe(a.id);

    // The merged-away id keeps working by default (a redirect) and answers as the survivor.
    const viaOldId = await api.get(`/profiles/${b.id}`);
    expect(viaOldId.status).toBe(200);
    expect(viaOldId.body.data.profile.id).toBe(a.id);
    const writeViaOldId = await api.post(`/profiles/${b.id}`, { events: [events.track('late')] });
    expect(writeViaOldId.body.data.profile.id).toBe(a.id);
  });

  it('with mergedIds "gone", a merged-away id answers ERR_PROFILE_NOT_FOUND (as the hosted API)', async () => {
    const api = await startTestServer({ mergedIds: 'gone' });
    const a = (await api.post('/profiles', { events: [events.identify('bob')] })).body.data.profile;
    const b = (await api.post('/profiles', { events: [events.page('/')] })).body.data.profile;
    const merged = await api.post(`/profiles/${b.id}`, { events: [events.identify('bob')] });
    expect(merged.body.data.profile.id).toBe(a.id);

    const gone = await api.get(`/profiles/${b.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('ERR_PROFILE_NOT_FOUND');
    expect((await api.post(`/profiles/${b.id}`, { events: [events.page('/')] })).body.error.code).toBe(
      'ERR_PROFILE_NOT_FOUND',
    );
  });

  it('identifying with the alias the profile already holds changes nothing; a new alias names it too', async () => {
    const api = await startTestServer();
    const p = (await api.post('/profiles', { events: [events.identify('carol')] })).body.data.profile;
    const again = await api.post(`/profiles/${p.id}`, {
      events: [events.identify('carol'), events.identify('carol@x.test')],
    });
    expect(again.body.data.profile.id).toBe(p.id);
    const other = (await api.post('/profiles', { events: [events.page('/')] })).body.data.profile;
    const merged = await api.post(`/profiles/${other.id}`, { events: [events.identify('carol@x.test')] });
    expect(merged.body.data.profile.id).toBe(p.id);
  });

  it('an empty alias (and v7\u2019s "nt:empty-merge-id") sets traits without naming or merging', async () => {
    const api = await startTestServer();
    const one = (await api.post('/profiles', { events: [events.identify('', { a: 1 })] })).body.data.profile;
    const two = (await api.post('/profiles', { events: [events.identify('', { b: 2 })] })).body.data.profile;
    const three = (await api.post('/profiles', { events: [events.identify('nt:empty-merge-id', { c: 3 })] }))
      .body.data.profile;
    const four = (await api.post('/profiles', { events: [events.identify('nt:empty-merge-id', { d: 4 })] }))
      .body.data.profile;
    expect(new Set([one.id, two.id, three.id, four.id]).size).toBe(4);
    expect(four.traits).toEqual({ d: 4 });
  });

  it('merges a chain: a profile merged into one that is later merged keeps redirecting', async () => {
    const api = await startTestServer();
    const x = (await api.post('/profiles', { events: [events.identify('x')] })).body.data.profile;
    const y = (await api.post('/profiles', { events: [events.identify('y')] })).body.data.profile;
    const z = (await api.post('/profiles', { events: [events.page('/')] })).body.data.profile;
    await api.post(`/profiles/${z.id}`, { events: [events.identify('y')] }); // z → y
    const final = await api.post(`/profiles/${y.id}`, { events: [events.identify('x')] }); // y → x
    expect(final.body.data.profile.id).toBe(x.id);
    expect((await api.get(`/profiles/${z.id}`)).body.data.profile.id).toBe(x.id);
    // Both aliases now name the survivor.
    const w = (await api.post('/profiles', { events: [events.identify('y')] })).body.data.profile;
    expect(w.id).toBe(x.id);
  });

  it('merges on the server-side batch endpoint too', async () => {
    const api = await startTestServer();
    const holder = (await api.post('/profiles', { events: [events.identify('dave', { a: 1 })] })).body.data
      .profile;
    const answer = await request(`${api.base}/events`, {
      method: 'POST',
      body: JSON.stringify({ events: [events.identify('dave', { b: 2 }, { anonymousId: 'crm-42' })] }),
    });
    expect(answer.body.data.profiles).toHaveLength(1);
    expect(answer.body.data.profiles[0].id).toBe(holder.id);
    expect(answer.body.data.profiles[0].traits).toEqual({ a: 1, b: 2 });
  });
});
