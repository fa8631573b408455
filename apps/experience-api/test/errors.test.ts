import { request as httpRequest } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { events, inspect, request, startTestServer, type TestServer } from './helpers';

function expectError(
  answer: { status: number; body: unknown },
  status: number,
  code: string,
  message?: RegExp,
) {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({ message: expect.any(String), data: {}, error: { code } });
  if (message) expect((answer.body as { message: string }).message).toMatch(message);
}

/** After an error the server still works and wrote nothing for the bad request. */
async function expectNothingWrittenAndAlive(api: TestServer, before: number) {
  expect((await inspect(api.url, true)).body.data.events).toHaveLength(before);
  expect((await api.post('/profiles', { events: [events.page('/alive')] })).status).toBe(200);
}

describe('bad input', () => {
  it.each([
    ['not JSON', '{"events": [', /^body: is not valid JSON/],
    ['an empty body', '', /^body: is empty/],
    ['a JSON array', '[]', /^body: must be a JSON object/],
    ['no events', '{}', /^events: must be an array/],
    ['events not an array', '{"events": {}}', /^events: must be an array/],
    ['zero events', '{"events": []}', /^events: must hold at least one event/],
    ['an event that is not an object', '{"events": [42]}', /^events\[0\]: must be an event object/],
    [
      'options of the wrong type',
      JSON.stringify({ events: [events.page()], options: 1 }),
      /^options: must be/,
    ],
    [
      'features of the wrong type',
      JSON.stringify({ events: [events.page()], options: { features: [1] } }),
      /^options\.features/,
    ],
  ])('refuses %s with 400 ERR_INVALID_DATA', async (_name, body, message) => {
    const api = await startTestServer();
    expectError(await api.post('/profiles', body), 400, 'ERR_INVALID_DATA', message);
    await expectNothingWrittenAndAlive(api, 0);
  });

  it('refuses invalid UTF-8 bytes', async () => {
    const api = await startTestServer();
    const answer = await request(`${api.base}/profiles`, {
      method: 'POST',
      body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    expectError(answer, 400, 'ERR_INVALID_DATA', /^body: is not valid UTF-8/);
  });

  it.each([
    ['an unknown event type', { type: 'screen' }, /^events\[3\]\.type: unknown event type "screen"/],
    ['a missing type', { type: undefined }, /^events\[3\]\.type: must be a string/],
    ['a missing messageId', { messageId: undefined }, /^events\[3\]\.messageId: is required/],
    ['a numeric messageId', { messageId: 7 }, /^events\[3\]\.messageId: must be a string, got a number/],
    ['an empty messageId', { messageId: '' }, /^events\[3\]\.messageId: must not be empty/],
    ['a bad timestamp', { timestamp: 'yesterday' }, /^events\[3\]\.timestamp: must be an ISO 8601/],
    ['context of the wrong type', { context: 'web' }, /^events\[3\]\.context: must be an object/],
    [
      'a bad consent flag',
      { context: { gdpr: { isConsentGiven: 'yes' } } },
      /gdpr\.isConsentGiven: must be a boolean/,
    ],
    [
      'a non-string query value',
      { properties: { query: { a: 1 } } },
      /^events\[3\]\.properties\.query\.a: must be a string/,
    ],
    ['a bad country code', { context: { location: { countryCode: 'Germany' } } }, /location\.countryCode/],
  ])('names the bad event field: %s', async (_name, change, message) => {
    const api = await startTestServer();
    const bad = { ...events.page('/'), ...change };
    const body = { events: [events.page('/1'), events.page('/2'), events.page('/3'), bad] };
    expectError(await api.post('/profiles', body), 400, 'ERR_INVALID_DATA', message);
    await expectNothingWrittenAndAlive(api, 0);
  });

  it.each([
    ['track without event name', events.track(''), /^events\[0\]\.event: must not be empty/],
    [
      'track with array properties',
      events.track('x', undefined, { properties: [] }),
      /properties: must be an object, got an array/,
    ],
    [
      'identify without userId',
      { ...events.identify('u'), userId: undefined },
      /^events\[0\]\.userId: is required/,
    ],
    [
      'identify with string traits',
      events.identify('u', undefined, { traits: 'red' }),
      /traits: must be an object/,
    ],
    [
      'component without componentId',
      events.component({ componentId: undefined }),
      /componentId: is required/,
    ],
    [
      'component with a negative variantIndex',
      events.component({ variantIndex: -1 }),
      /variantIndex: must be a non-negative integer/,
    ],
  ])('checks per-type fields: %s', async (_name, event, message) => {
    const api = await startTestServer();
    expectError(await api.post('/profiles', { events: [event] }), 400, 'ERR_INVALID_DATA', message);
  });

  it('requires anonymousId on the batch endpoint only', async () => {
    const api = await startTestServer();
    const answer = await request(`${api.base}/events`, {
      method: 'POST',
      body: JSON.stringify({ events: [events.page('/', {}, { anonymousId: 'a' }), events.page('/')] }),
    });
    expectError(answer, 400, 'ERR_INVALID_DATA', /^events\[1\]\.anonymousId: is required/);
    await expectNothingWrittenAndAlive(api, 0);
  });

  it('enforces the request limits: 200 events, 50 identify, 50 profiles', async () => {
    const api = await startTestServer();
    const pages = (n: number) => Array.from({ length: n }, () => events.page('/'));
    expect((await api.post('/profiles', { events: pages(200) })).status).toBe(200);
    expectError(await api.post('/profiles', { events: pages(201) }), 400, 'ERR_INVALID_DATA', /at most 200/);

    const identifies = (n: number) => Array.from({ length: n }, () => events.identify('', { a: 1 }));
    expect((await api.post('/profiles', { events: identifies(50) })).status).toBe(200);
    expectError(
      await api.post('/profiles', { events: identifies(51) }),
      400,
      'ERR_INVALID_DATA',
      /at most 50/,
    );

    const forProfiles = (n: number) =>
      Array.from({ length: n }, (_, i) => events.page('/', {}, { anonymousId: `p${i}` }));
    const batch = (n: number) =>
      request(`${api.base}/events`, { method: 'POST', body: JSON.stringify({ events: forProfiles(n) }) });
    expect((await batch(50)).status).toBe(200);
    expectError(await batch(51), 400, 'ERR_INVALID_DATA', /51 profiles; at most 50/);
  });

  it('answers 413 beyond 1 MiB and keeps serving', async () => {
    const api = await startTestServer();
    const big = JSON.stringify({ events: [events.page('/', { blob: 'x'.repeat(1024 * 1024) })] });
    expectError(
      await api.post('/profiles', big),
      413,
      'ERR_PAYLOAD_TOO_LARGE',
      /larger than the limit of 1048576 bytes/,
    );
    await expectNothingWrittenAndAlive(api, 0);

    // Just under 1 MiB in 40 events, each under the 32 KB bound on one event.
    const justUnder = JSON.stringify({
      events: Array.from({ length: 40 }, () => events.page('/', { blob: 'x'.repeat(25_000) })),
    });
    expect(Buffer.byteLength(justUnder)).toBeGreaterThan(1_000_000);
    expect((await api.post('/profiles', justUnder)).status).toBe(200);
  });

  it('answers 413 to a chunked body without Content-Length too', async () => {
    const api = await startTestServer({ bodyLimit: 1000 });
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${api.base}/profiles`, { method: 'POST' }, (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('x'.repeat(500));
      req.end();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error.code).toBe('ERR_PAYLOAD_TOO_LARGE');
  });

  it('answers 404 ERR_CONFIG_NOT_FOUND for an unknown organisation or environment', async () => {
    const api = await startTestServer();
    const body = JSON.stringify({ events: [events.page('/')] });
    const org = await request(`${api.url}/v2/organizations/nobody/environments/main/profiles`, {
      method: 'POST',
      body,
    });
    expectError(org, 404, 'ERR_CONFIG_NOT_FOUND', /organization "nobody"/);
    const env = await request(`${api.url}/v2/organizations/demo/environments/staging/profiles/x`);
    expectError(env, 404, 'ERR_CONFIG_NOT_FOUND', /environment "staging"/);
    const proto = await request(`${api.url}/v2/organizations/__proto__/environments/main/events`, {
      method: 'POST',
      body,
    });
    expectError(proto, 404, 'ERR_CONFIG_NOT_FOUND');
  });

  it('answers 404 ERR_PROFILE_NOT_FOUND for an unknown profile (read and update)', async () => {
    const api = await startTestServer();
    expectError(await api.get('/profiles/nope'), 404, 'ERR_PROFILE_NOT_FOUND', /profile "nope"/);
    expectError(
      await api.post('/profiles/nope', { events: [events.page('/')] }),
      404,
      'ERR_PROFILE_NOT_FOUND',
    );
    await expectNothingWrittenAndAlive(api, 0);
  });

  it('answers unknown paths with 404 and wrong methods with 405 (error envelope, CORS)', async () => {
    const api = await startTestServer();
    expectError(await request(`${api.url}/v1/whatever`), 404, 'ERR_NOT_FOUND');
    const wrong = await request(`${api.base}/profiles`);
    expectError(wrong, 405, 'ERR_METHOD_NOT_ALLOWED');
    expect(wrong.headers.get('allow')).toBe('POST, OPTIONS');
    expect(wrong.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses hostile strings with a clear 400 and stores harmless ones exactly', async () => {
    const api = await startTestServer();
    const hostile = [
      ['"\\ud800"', /is not valid Unicode/],
      ['{"__proto__": {"polluted": true}}', /traits\.__proto__: key is not allowed/],
      ['1e400', /is a number out of range/],
      [`${'['.repeat(40)}${']'.repeat(40)}`, /nested deeper than 32 levels/],
    ] as const;
    for (const [traits, message] of hostile) {
      const body = `{"events":[{"type":"identify","messageId":"m","userId":"","traits":{"x":${traits}}}]}`;
      const fixed = traits.startsWith('{"__proto__') ? body.replace(`{"x":${traits}}`, traits) : body;
      expectError(await api.post('/profiles', fixed), 400, 'ERR_INVALID_DATA', message);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const odd = {
      sql: "'); DROP TABLE profiles; --",
      nul: 'a\u0000b',
      html: '<script>alert(1)</script>',
      emoji: '👩‍💻',
      rtl: '\u202eevil',
      constructor: 'kept as a plain key',
    };
    const answer = await api.post('/profiles', { events: [events.identify('', odd)] });
    expect(answer.status).toBe(200);
    expect(answer.body.data.profile.traits).toEqual(odd);
    expect((await api.get(`/profiles/${answer.body.data.profile.id}`)).body.data.profile.traits).toEqual(odd);
  });

  it('writes nothing of a request whose last event is bad (no partial write)', async () => {
    const api = await startTestServer();
    const created = (await api.post('/profiles', { events: [events.page('/')] })).body.data.profile;
    const answer = await api.post(`/profiles/${created.id}`, {
      events: [events.identify('', { a: 1 }), events.track('buy'), { ...events.page('/'), type: 'alias' }],
    });
    expectError(answer, 400, 'ERR_INVALID_DATA', /^events\[2\]\.type/);
    const after = (await api.get(`/profiles/${created.id}`)).body.data.profile;
    expect(after.traits).toEqual({});
    expect((await inspect(api.url, true)).body.data.events).toHaveLength(1);
  });

  it('answers 500 ERR_INTERNAL_SERVER_ERROR when the store fails, and keeps running', async () => {
    const api = await startTestServer();
    const created = (await api.post('/profiles', { events: [events.page('/')] })).body.data.profile;
    expect(created.id).toBeTruthy();
    let fail = true;
    let n = 0;
    const broken = await startTestServer({
      dir: api.dir,
      newId: () => {
        if (fail) throw new Error('id generator broke');
        n += 1;
        return `fresh-${n}`;
      },
    });
    expectError(
      await broken.post('/profiles', { events: [events.page('/')] }),
      500,
      'ERR_INTERNAL_SERVER_ERROR',
    );
    expect(
      broken.logs.some((l) => l.level === 'error' && String(l.error).includes('id generator broke')),
    ).toBe(true);
    fail = false;
    expect((await broken.post('/profiles', { events: [events.page('/')] })).status).toBe(200);
  });

  it('shrugs off a client that disconnects mid-body (no internal error, keeps serving)', async () => {
    const api = await startTestServer();
    const req = httpRequest(`${api.base}/profiles`, {
      method: 'POST',
      headers: { 'Content-Length': '1000' },
    });
    req.on('error', () => {});
    req.write('{"events": [');
    while ((await request(`${api.url}/__local/health`)).body.data.inFlight < 2);
    req.destroy();
    await vi.waitFor(() =>
      expect(api.logs.some((l) => l.path === `/v2/organizations/demo/environments/main/profiles`)).toBe(true),
    );
    expect(api.logs.filter((l) => l.level === 'error')).toEqual([]);
    await expectNothingWrittenAndAlive(api, 0);
  });
});
