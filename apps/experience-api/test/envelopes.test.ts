/** The exact envelopes of sections 4 and 5, and CORS on every kind of answer. */
import { describe, expect, it } from 'vitest';
import { events, request, startTestServer } from './helpers';

const sortedKeys = (value: object) => Object.keys(value).sort();

describe('envelopes and CORS, exactly as the protocol says', () => {
  it('every endpoint answers { data, message: "ok", error: null } with exactly the documented data keys', async () => {
    const api = await startTestServer();
    const created = await api.post('/profiles', { events: [events.page('/')] });
    const { id } = created.body.data.profile;
    const updated = await api.post(`/profiles/${id}`, { events: [events.track('x')] });
    const read = await api.get(`/profiles/${id}`);
    const batch = await request(`${api.base}/events`, {
      method: 'POST',
      body: JSON.stringify({ events: [events.page('/', {}, { anonymousId: id })] }),
    });
    for (const answer of [created, updated, read]) {
      expect(answer.status).toBe(200);
      expect(sortedKeys(answer.body)).toEqual(['data', 'error', 'message']);
      expect(answer.body).toMatchObject({ message: 'ok', error: null });
      expect(sortedKeys(answer.body.data)).toEqual(['changes', 'experiences', 'profile']);
      expect(sortedKeys(answer.body.data.profile.session)).toEqual(
        [
          'activeSessionLength',
          'averageSessionLength',
          'count',
          'id',
          'isReturningVisitor',
          'landingPage',
        ].sort(),
      );
      expect(sortedKeys(answer.body.data.profile.session.landingPage)).toEqual([
        'path',
        'query',
        'referrer',
        'search',
        'url',
      ]);
    }
    expect(sortedKeys(batch.body)).toEqual(['data', 'error', 'message']);
    expect(batch.body).toMatchObject({ message: 'ok', error: null });
    expect(sortedKeys(batch.body.data)).toEqual(['profiles']);
  });

  it('every error answers exactly { message, data: {}, error: { code } } with CORS headers', async () => {
    const api = await startTestServer({ bodyLimit: 2000, profileRateLimit: { perSecond: 1, burst: 1 } });
    const { id } = (await api.post('/profiles', { events: [events.page('/')] })).body.data.profile;
    const answers = [
      [400, 'ERR_INVALID_DATA', await api.post('/profiles', '{')],
      [
        404,
        'ERR_CONFIG_NOT_FOUND',
        await request(`${api.url}/v2/organizations/x/environments/main/profiles/p`),
      ],
      [404, 'ERR_PROFILE_NOT_FOUND', await api.get('/profiles/nobody')],
      [429, 'ERR_PROFILE_OVERLOAD', await api.post(`/profiles/${id}`, { events: [events.page('/')] })],
      [413, 'ERR_PAYLOAD_TOO_LARGE', await api.post('/profiles', 'x'.repeat(3000))],
      [404, 'ERR_NOT_FOUND', await request(`${api.url}/nowhere`)],
      [405, 'ERR_METHOD_NOT_ALLOWED', await request(`${api.base}/events`)],
    ] as const;
    for (const [status, code, answer] of answers) {
      expect([answer.status, answer.body]).toEqual([
        status,
        { message: expect.any(String), data: {}, error: { code } },
      ]);
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      expect(answer.headers.get('access-control-expose-headers')).toBe('Retry-After');
    }
  });

  it('answers CORS preflights on every endpoint: 204, methods, headers (asked or default), max age, private network', async () => {
    const api = await startTestServer();
    for (const path of ['/profiles', '/profiles/some-id', '/events']) {
      const answer = await fetch(`${api.base}${path}`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://shop.example',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Private-Network': 'true',
        },
      });
      expect(answer.status).toBe(204);
      expect(await answer.text()).toBe('');
      expect(
        Object.fromEntries([...answer.headers].filter(([name]) => name.startsWith('access-control-'))),
      ).toEqual({
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
        'access-control-allow-headers': 'Content-Type, X-Force-IP',
        'access-control-allow-private-network': 'true',
        'access-control-expose-headers': 'Retry-After',
        'access-control-max-age': '600',
      });
    }
    const noPna = await fetch(`${api.base}/profiles`, { method: 'OPTIONS' });
    expect(noPna.headers.get('access-control-allow-private-network')).toBeNull();
  });
});
