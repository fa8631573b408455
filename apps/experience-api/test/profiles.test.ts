import { describe, expect, it } from 'vitest';
import { demoCtaTest } from './experienceOracle';
import { events, expectProfileShape, inspect, request, startTestServer } from './helpers';

describe('profile endpoints', () => {
  it('creates a profile from events and answers the exact envelope', async () => {
    const api = await startTestServer();
    const answer = await api.post('/profiles', { events: [events.page('/home')], options: { features: [] } });

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(Object.keys(answer.body).sort()).toEqual(['data', 'error', 'message']);
    expect(answer.body.message).toBe('ok');
    expect(answer.body.error).toBeNull();
    const { profile } = answer.body.data;
    // The demo's 50/50 experiment is open to everyone (experiences.test.ts covers selection).
    const cta = demoCtaTest(profile.stableId);
    expect(answer.body.data.experiences).toEqual([cta.experience]);
    expect(answer.body.data.changes).toEqual([cta.change]);
    expectProfileShape(profile);
    expect(Object.keys(profile).sort()).toEqual(
      ['audiences', 'id', 'location', 'random', 'session', 'stableId', 'traits'].sort(),
    );
    expect(profile.id).not.toBe(profile.stableId);
    expect(profile.traits).toEqual({});
    expect(profile.session).toMatchObject({
      isReturningVisitor: false,
      count: 1,
      activeSessionLength: 0,
      averageSessionLength: 0,
      landingPage: { path: '/home', url: 'http://localhost:4310/home', query: {}, referrer: '', search: '' },
    });
  });

  it('updates a profile, keeping id, stableId and random', async () => {
    const api = await startTestServer();
    const created = (await api.post('/profiles', { events: [events.page('/')] })).body.data.profile;
    const updated = await api.post(`/profiles/${created.id}`, {
      events: [events.identify('', { favoriteColor: 'blue' })],
    });

    expect(updated.status).toBe(200);
    const profile = updated.body.data.profile;
    expect(profile.id).toBe(created.id);
    expect(profile.stableId).toBe(created.stableId);
    expect(profile.random).toBe(created.random);
    expect(profile.traits).toEqual({ favoriteColor: 'blue' });
  });

  it('reads a profile with GET, identical to the last write', async () => {
    const api = await startTestServer();
    const written = (
      await api.post('/profiles', { events: [events.page('/'), events.identify('', { a: 1 })] })
    ).body.data.profile;
    const read = await api.get(`/profiles/${written.id}`);

    expect(read.status).toBe(200);
    expect(read.body.data.profile).toEqual(written);
    expect(read.body.message).toBe('ok');
    expect(read.body.error).toBeNull();
  });

  it('parses the body as JSON whatever the content type (text/plain, application/json, none)', async () => {
    const api = await startTestServer();
    for (const type of ['text/plain', 'application/json', 'application/x-www-form-urlencoded']) {
      const answer = await api.post(
        '/profiles',
        { events: [events.page('/')] },
        { headers: { 'Content-Type': type } },
      );
      expect(answer.status, type).toBe(200);
    }
    const raw = await fetch(`${api.base}/profiles`, {
      method: 'POST',
      body: new Blob([JSON.stringify({ events: [events.page('/')] })]),
    });
    expect(raw.status).toBe(200);
  });

  it('accepts ?locale and answers the same profile shape', async () => {
    const api = await startTestServer();
    const answer = await api.post('/profiles?locale=de-DE', { events: [events.page('/')] });
    expect(answer.status).toBe(200);
    expectProfileShape(answer.body.data.profile);
    const bad = await api.post('/profiles?locale=%3Cscript%3E', { events: [events.page('/')] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^locale: /);
  });

  it('?type=preflight evaluates and persists nothing', async () => {
    const api = await startTestServer();
    const created = (await api.post('/profiles', { events: [events.page('/')] })).body.data.profile;

    const preflight = await api.post(`/profiles/${created.id}?type=preflight`, {
      events: [events.identify('', { favoriteColor: 'red' })],
    });
    expect(preflight.status).toBe(200);
    expect(preflight.body.data.profile.traits).toEqual({ favoriteColor: 'red' });
    expect(preflight.body.data.profile.audiences).toContain('red-fans');

    const after = await api.get(`/profiles/${created.id}`);
    expect(after.body.data.profile.traits).toEqual({});
    expect(after.body.data.profile.audiences).not.toContain('red-fans');

    const fresh = await api.post('/profiles?type=preflight', { events: [events.page('/x')] });
    expect(fresh.status).toBe(200);
    expect((await api.get(`/profiles/${fresh.body.data.profile.id}`)).status).toBe(404);
    expect((await inspect(api.url)).body.data.events).toHaveLength(1);
  });

  it('answers CORS on every answer and a 204 to preflight requests', async () => {
    const api = await startTestServer();
    const simple = await api.post(
      '/profiles',
      { events: [events.page('/')] },
      { headers: { Origin: 'http://a.test' } },
    );
    expect(simple.headers.get('access-control-allow-origin')).toBe('*');

    const error = await api.get('/profiles/missing');
    expect(error.headers.get('access-control-allow-origin')).toBe('*');

    const preflight = await fetch(`${api.base}/profiles`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:4310',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-force-ip',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type,x-force-ip');
    expect(await preflight.text()).toBe('');
  });

  it('server-side batch: one profile per anonymousId, created or updated, in order of appearance', async () => {
    const api = await startTestServer();
    const existing = (await api.post('/profiles', { events: [events.page('/')] })).body.data.profile;

    const answer = await request(`${api.base}/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        events: [
          events.track('add_to_cart', {}, { anonymousId: 'server-user-1' }),
          events.identify('', { plan: 'pro' }, { anonymousId: existing.id }),
          events.page('/p', {}, { anonymousId: 'server-user-1' }),
        ],
      }),
    });

    expect(answer.status).toBe(200);
    expect(answer.body.message).toBe('ok');
    expect(answer.body.error).toBeNull();
    const { profiles } = answer.body.data;
    expect(profiles.map((p: { id: string }) => p.id)).toEqual(['server-user-1', existing.id]);
    profiles.forEach(expectProfileShape);
    expect(profiles[0].audiences).toContain('cart-adders');
    expect(profiles[1].traits).toEqual({ plan: 'pro' });
    expect(profiles[1].stableId).toBe(existing.stableId);

    const again = await request(`${api.base}/events`, {
      method: 'POST',
      body: JSON.stringify({ events: [events.page('/q', {}, { anonymousId: 'server-user-1' })] }),
    });
    expect(again.body.data.profiles[0].stableId).toBe(profiles[0].stableId);
  });

  it('keeps location sent by server-side callers', async () => {
    const api = await startTestServer();
    const location = { countryCode: 'DE', city: 'Berlin', coordinates: { latitude: 52.5, longitude: 13.4 } };
    const page = events.page('/');
    const answer = await api.post('/profiles', {
      events: [{ ...page, context: { ...(page.context as object), location } }],
    });
    expect(answer.body.data.profile.location).toEqual(location);

    const plain = await api.post('/profiles', { events: [events.page('/')] });
    expect(plain.body.data.profile.location).toEqual({});
  });

  it('accepts component events and stores them as received', async () => {
    const api = await startTestServer();
    const component = { ...events.component(), viewId: 'v-1', viewDurationMs: 2000 };
    const answer = await api.post('/profiles', { events: [component] });
    expect(answer.status).toBe(200);
    const log = await inspect(api.url);
    expect(log.body.data.events[0].event).toEqual(component);
  });
});
