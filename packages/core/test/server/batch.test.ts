import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NinetailedServer, type ServerBatchEvent } from '../../src/server/index';
import { API, fail, fetchDouble, NOW, ok, profile, type SeenRequest, UUID_V4 } from './serverFetchDouble';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Answers a batch request as the API does: one profile per distinct anonymousId, in order. */
const answer = (request: SeenRequest) =>
  ok({
    profiles: [...new Set(request.body!.events.map((e) => e.anonymousId as string))].map((id) => profile(id)),
  });

const client = (api: ReturnType<typeof fetchDouble>) =>
  new NinetailedServer({ clientId: 'demo', fetch: api.fetch });
const ids = (n: number, prefix = 'user') =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
const track = (anonymousId: string): ServerBatchEvent => ({ anonymousId, type: 'track', event: 'renewed' });

describe('server client: batch', () => {
  it('120 profiles: 3 requests of 50, 50 and 20 profiles, answered in order', async () => {
    const api = fetchDouble().next(answer).next(answer).next(answer);
    const users = ids(120);
    const { profiles } = await client(api).batch(users.map(track));
    expect(api.seen.map((r) => r.body!.events.length)).toEqual([50, 50, 20]);
    expect(api.seen.every((r) => r.url === `${API}/events` && r.method === 'POST')).toBe(true);
    expect(api.seen[0]!.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(profiles.map((p) => p.id)).toEqual(users);
    expect(api.seen[0]!.body!.events[0]).toMatchObject({
      type: 'track',
      event: 'renewed',
      properties: {},
      anonymousId: 'user-0000',
      channel: 'web',
      messageId: expect.stringMatching(UUID_V4),
      context: { library: { name: '@ninetailed/experience.js/server' }, gdpr: { isConsentGiven: true } },
    });
    expect(api.seen[0]!.body!.options).toEqual({ features: ['ip-enrichment', 'location'] });
  });

  it('exactly 50 profiles and 200 events fit one request; one more event makes two', async () => {
    const fifty = ids(50);
    const events = Array.from({ length: 200 }, (_, i) => track(fifty[i % 50]!));
    const api = fetchDouble().next(answer).next(answer).next(answer);
    await client(api).batch(events);
    expect(api.seen).toHaveLength(1);
    await client(api).batch([...events, track(fifty[0]!)]);
    expect(api.seen.slice(1).map((r) => r.body!.events.length)).toEqual([200, 1]);
  });

  it('one profile, 450 events: 200 + 200 + 50, in order; the latest answer is the result', async () => {
    const events = Array.from({ length: 450 }, (_, i) => ({ ...track('solo-0001'), properties: { i } }));
    let n = 0;
    const api = fetchDouble();
    for (let i = 0; i < 3; i++) {
      api.next(() => ok({ profiles: [profile('solo-0001', { traits: { answer: ++n } })] }));
    }
    const { profiles } = await client(api).batch(events);
    expect(api.seen.map((r) => r.body!.events.length)).toEqual([200, 200, 50]);
    expect(api.seen.flatMap((r) => r.body!.events.map((e) => (e.properties as { i: number }).i))).toEqual(
      events.map((_, i) => i),
    );
    expect(profiles).toEqual([profile('solo-0001', { traits: { answer: 3 } })]);
  });

  it('at most 50 identify events per request', async () => {
    const events: ServerBatchEvent[] = Array.from({ length: 60 }, (_, i) => ({
      anonymousId: i < 30 ? 'a-000001' : 'b-000001',
      type: 'identify',
      userId: `crm-${i}`,
    }));
    const api = fetchDouble().next(answer).next(answer);
    const { profiles } = await client(api).batch(events);
    expect(api.seen.map((r) => r.body!.events.length)).toEqual([50, 10]);
    expect(profiles.map((p) => p.id)).toEqual(['a-000001', 'b-000001']);
  });

  it('keeps each request under the body budget (512 KiB)', async () => {
    const events = ids(40).map((anonymousId) => ({
      ...track(anonymousId),
      properties: { blob: 'x'.repeat(30_000) },
    }));
    const api = fetchDouble().next(answer).next(answer).next(answer);
    await client(api).batch(events);
    const sizes = api.seen.map((r) => JSON.stringify(r.body).length);
    expect(api.seen.map((r) => r.body!.events.length)).toEqual([17, 17, 6]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(512 * 1024);
  });

  it('keeps a caller messageId and timestamp; applies ip, locale, consent and a default context', async () => {
    const api = fetchDouble().next(answer);
    await client(api).batch(
      [
        { anonymousId: 'user-0001', type: 'page', messageId: 'import-1', timestamp: new Date(0) },
        {
          anonymousId: 'user-0002',
          type: 'identify',
          userId: '',
          traits: { plan: 'pro' },
          context: { url: '/x' },
        },
      ],
      {
        ip: '2001:db8::1',
        locale: 'de',
        consent: false,
        context: { url: 'https://crm.example/', userAgent: 'sync/1' },
      },
    );
    const [request] = api.seen;
    expect(request!.url).toBe(`${API}/events?locale=de`);
    expect(request!.headers['X-Force-IP']).toBe('2001:db8::1');
    expect(request!.body!.options).toEqual({});
    expect(request!.body!.events[0]).toMatchObject({
      messageId: 'import-1',
      originalTimestamp: '1970-01-01T00:00:00.000Z',
      properties: { url: 'https://crm.example/', path: '/' },
      context: { userAgent: 'sync/1', gdpr: { isConsentGiven: false } },
    });
    expect(request!.body!.events[1]).toMatchObject({ context: { userAgent: '', page: { url: '/x' } } });
  });

  it('a bad event rejects naming it, and nothing of the batch is sent', async () => {
    const api = fetchDouble();
    const ninetailed = client(api);
    const bad: Array<[unknown, RegExp]> = [
      [
        [track('user-0001'), { anonymousId: 'user-0002', type: 'track', event: '' }],
        /events\[1\]: event: must be/,
      ],
      [[{ type: 'track', event: 'a' }], /events\[0\]: anonymousId: must be/],
      [[{ ...track('u-1'), type: 'screen' }], /events\[0\]: type: must be "page", "track" or "identify"/],
      [[{ anonymousId: 'u-1', type: 'identify', userId: '' }], /events\[0\]: traits: must be given/],
      [[{ ...track('u-1'), timestamp: 'yesterday' }], /events\[0\]: timestamp: must be a Date/],
      [[{ ...track('u-1'), messageId: '' }], /events\[0\]: messageId/],
      [[null], /events\[0\]: must be an event object/],
      ['nope', /events: must be an array/],
    ];
    for (const [events, message] of bad) {
      await expect(ninetailed.batch(events as ServerBatchEvent[])).rejects.toThrow(message);
    }
  });

  it('no events: no request', async () => {
    const api = fetchDouble();
    await expect(client(api).batch([])).resolves.toEqual({ profiles: [] });
  });

  it('a failed request stops the batch and names how far it got', async () => {
    const api = fetchDouble().next(answer).next(fail(400, 'ERR_INVALID_DATA'));
    await expect(client(api).batch(ids(120).map(track))).rejects.toThrow(
      /answered 400 ERR_INVALID_DATA: .* \(request 2 of 3; the 1 before it were accepted\)/,
    );
    expect(api.seen).toHaveLength(2);
  });

  it('an answer with the wrong number of profiles rejects', async () => {
    const api = fetchDouble().next(ok({ profiles: [] }));
    await expect(client(api).batch([track('user-0001')])).rejects.toMatchObject({ code: 'ERR_BAD_RESPONSE' });
  });
});
