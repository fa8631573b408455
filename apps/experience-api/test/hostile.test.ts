import { describe, expect, it } from 'vitest';
import { events, inspect, request, startTestServer, type TestServer } from './helpers';

const identify = (traitsJson: string, messageId = 'm-hostile') =>
  `{"events":[{"type":"identify","messageId":${JSON.stringify(messageId)},"userId":"","traits":${traitsJson}}]}`;

async function expectRefused(api: TestServer, body: string, message: RegExp) {
  const answer = await api.post('/profiles', body);
  expect(answer.status).toBe(400);
  expect(answer.body.error).toEqual({ code: 'ERR_INVALID_DATA' });
  expect(answer.body.message).toMatch(message);
  return answer.body.message as string;
}

async function expectAliveAndEmpty(api: TestServer) {
  expect((await inspect(api.url, true)).body.data.events).toEqual([]);
  expect((await api.post('/profiles', { events: [events.page('/alive')] })).status).toBe(200);
}

describe('hostile input never crashes or corrupts', () => {
  it('huge keys: refused with a short message that names the key cut short', async () => {
    const api = await startTestServer();
    const huge = 'k'.repeat(900_000);
    const message = await expectRefused(
      api,
      identify(`{"${huge}":1}`),
      /^events\[0\]\.traits\["k{64}…"\]: key is longer than 1024 characters$/,
    );
    expect(message.length).toBeLessThan(200);
    // A long but allowed key under a bad value: the path stays short too.
    const long = 'x'.repeat(1000);
    const nested = await expectRefused(api, identify(`{"${long}":{"a\\u0000b":1e400}}`), /out of range/);
    expect(nested).toBe(`events[0].traits["${'x'.repeat(64)}…"]["a\\u0000b"]: is a number out of range`);
    await expectAliveAndEmpty(api);
  });

  it('prototype-pollution keys: __proto__ refused anywhere, constructor/prototype kept as plain data', async () => {
    const api = await startTestServer();
    await expectRefused(
      api,
      identify('{"a":{"b":[{"__proto__":{"polluted":1}}]}}'),
      /traits\.a\.b\[0\]\.__proto__: key is not allowed/,
    );
    const page = events.page('/');
    const inContext = JSON.stringify({ events: [page] }).replace('"query":{}', '"query":{"__proto__":"x"}');
    await expectRefused(api, inContext, /^events\[0\]\.context\.page\.query\.__proto__: key is not allowed/);
    await expectRefused(
      api,
      `{"events":[{"__proto__":{"type":"page"},"type":"page","messageId":"p"}]}`,
      /^events\[0\]\.__proto__/,
    );

    const odd = {
      constructor: { prototype: { polluted: true } },
      prototype: { polluted: true },
      toString: 'not a function',
      hasOwnProperty: { nested: 1 },
      valueOf: null,
    };
    const first = (await api.post('/profiles', { events: [events.identify('', odd)] })).body.data.profile;
    const merged = await api.post(`/profiles/${first.id}`, {
      events: [
        events.identify('', { constructor: { prototype: { extra: 2 } }, toString: { now: 'object' } }),
      ],
    });
    expect(merged.body.data.profile.traits).toEqual({
      ...odd,
      constructor: { prototype: { polluted: true, extra: 2 } },
      toString: { now: 'object' },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
    expect((await api.get(`/profiles/${first.id}`)).body.data.profile.traits).toEqual(
      merged.body.data.profile.traits,
    );

    // Names of Object.prototype members are unknown organisations and plain profile ids.
    for (const org of ['constructor', 'toString', 'hasOwnProperty']) {
      const answer = await request(`${api.url}/v2/organizations/${org}/environments/main/profiles/x`);
      expect(answer.body.error.code).toBe('ERR_CONFIG_NOT_FOUND');
    }
    const batch = await request(`${api.base}/events`, {
      method: 'POST',
      body: JSON.stringify({
        events: ['__proto__', 'constructor'].map((id) => events.identify('', { id }, { anonymousId: id })),
      }),
    });
    expect(batch.body.data.profiles.map((p: { id: string; traits: unknown }) => [p.id, p.traits])).toEqual([
      ['__proto__', { id: '__proto__' }],
      ['constructor', { id: 'constructor' }],
    ]);
  });

  it('lone surrogates: refused in values, keys, ids and raw bytes', async () => {
    const api = await startTestServer();
    await expectRefused(api, identify('{"a":"\\udc00"}'), /^events\[0\]\.traits\.a: is not valid Unicode/);
    await expectRefused(
      api,
      identify('{"\\ud800x":1}'),
      /^events\[0\]\.traits: has a key that is not valid Unicode/,
    );
    await expectRefused(api, identify('{}', '\ud800'), /^events\[0\]\.messageId: is not valid Unicode/);
    const alias = `{"events":[{"type":"identify","messageId":"m","userId":"\\ud83d","traits":{}}]}`;
    await expectRefused(api, alias, /^events\[0\]\.userId: is not valid Unicode/);
    // The UTF-8 encoding of a surrogate (ED A0 80) is not UTF-8.
    const raw = Buffer.concat([
      Buffer.from(identify('{"a":"')).subarray(0, -4),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('"}}]}'),
    ]);
    const answer = await request(`${api.base}/profiles`, { method: 'POST', body: raw });
    expect(answer.body.message).toBe('body: is not valid UTF-8');
    expect((await api.get('/profiles/%ED%A0%80')).body.message).toMatch(
      /^profileId: is not a valid URL path segment/,
    );
    await expectAliveAndEmpty(api);
  });

  it('NUL bytes are plain data: distinct ids, distinct aliases, exact round trip', async () => {
    const api = await startTestServer();
    const traits = { 'a\u0000b': 'c\u0000d', nul: '\u0000' };
    const a = (
      await api.post('/profiles', { events: [events.identify('x\u0000y', traits, { messageId: 'm\u0000' })] })
    ).body.data.profile;
    expect(a.traits).toEqual(traits);
    // "x" is another alias than "x\0y", and "m" another messageId than "m\0".
    const b = (await api.post('/profiles', { events: [events.identify('x', { b: 1 }, { messageId: 'm' })] }))
      .body.data.profile;
    expect(b.id).not.toBe(a.id);
    expect(b.traits).toEqual({ b: 1 });
    const again = await api.post('/profiles', { events: [events.identify('x\u0000y', { more: 1 })] });
    expect(again.body.data.profile.id).toBe(a.id);
    expect((await api.get(`/profiles/${a.id}`)).body.data.profile.traits).toEqual({ ...traits, more: 1 });
    const nulId = await request(`${api.base}/events`, {
      method: 'POST',
      body: JSON.stringify({ events: [events.page('/', {}, { anonymousId: 'p\u0000q' })] }),
    });
    expect(nulId.body.data.profiles[0].id).toBe('p\u0000q');
    expect((await api.get('/profiles/p%00q')).body.data.profile.id).toBe('p\u0000q');
    expect((await api.get('/profiles/p')).status).toBe(404);
  });

  it('deeply nested JSON (100,000 levels): a clear 400, the server keeps running', async () => {
    const api = await startTestServer();
    const depth = 100_000;
    await expectRefused(
      api,
      identify(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`),
      /nested deeper than 32 levels$/,
    );
    const objects = 100_000;
    await expectRefused(
      api,
      identify(`${'{"a":'.repeat(objects)}1${'}'.repeat(objects)}`),
      /nested deeper than 32 levels$/,
    );
    await expectRefused(api, `${'['.repeat(depth)}${']'.repeat(depth)}`, /^body: must be a JSON object/);
    await expectAliveAndEmpty(api);
  });
});
