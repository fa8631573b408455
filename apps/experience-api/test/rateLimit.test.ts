import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseRateLimit } from '../src/cliOptions';
import { ApiError } from '../src/domain/errors';
import { createRateLimiter, DEFAULT_PROFILE_RATE_LIMIT } from '../src/domain/rateLimit';
import { events, inspect, request, startTestServer } from './helpers';

function refusal(run: () => void): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a 429');
}

const pages = (n: number) => Array.from({ length: n }, (_, i) => events.page(`/p${i}`));

describe('per-profile rate limiter (token bucket)', () => {
  it('refuses beyond the burst with 429 ERR_PROFILE_OVERLOAD and a Retry-After in whole seconds', () => {
    const limiter = createRateLimiter({ perSecond: 2, burst: 10 });
    limiter.take([{ key: 'd/m/p', events: 10 }], 0);
    const error = refusal(() => limiter.take([{ key: 'd/m/p', events: 3 }], 0));
    expect(error.status).toBe(429);
    expect(error.code).toBe('ERR_PROFILE_OVERLOAD');
    expect(error.headers).toEqual({ 'Retry-After': '2' });
    expect(error.message).toMatch(
      /^too many events for profile "p": this request's 3 would exceed its limit of 2 per second \(burst 10\); retry after 2 s$/,
    );
    // Refilled at 2 per second: 1.5 s later 3 tokens are there.
    limiter.take([{ key: 'd/m/p', events: 3 }], 1500);
    // Other profiles have their own bucket.
    limiter.take([{ key: 'd/m/other', events: 10 }], 1500);
  });

  it('charges several profiles all or nothing', () => {
    const limiter = createRateLimiter({ perSecond: 1, burst: 5 });
    limiter.take([{ key: 'b', events: 5 }], 0);
    refusal(() =>
      limiter.take(
        [
          { key: 'a', events: 5 },
          { key: 'b', events: 1 },
        ],
        0,
      ),
    );
    // "a" was not charged by the refused request.
    limiter.take([{ key: 'a', events: 5 }], 0);
    // The same key twice in one request is charged the sum: 1 + 2 > the 2 tokens left.
    limiter.take([{ key: 'c', events: 3 }], 0);
    const charges = [
      { key: 'c', events: 1 },
      { key: 'c', events: 2 },
    ];
    expect(refusal(() => limiter.take(charges, 0)).headers['Retry-After']).toBe('1');
    limiter.take(charges, 1000);
  });

  it('lets a request larger than the burst pass on a full bucket, then makes the profile wait', () => {
    const limiter = createRateLimiter({ perSecond: 10, burst: 50 });
    limiter.take([{ key: 'p', events: 200 }], 0);
    // 150 in debt plus 1: 15.1 s of refill.
    expect(refusal(() => limiter.take([{ key: 'p', events: 1 }], 0)).headers['Retry-After']).toBe('16');
    limiter.take([{ key: 'p', events: 1 }], 15_100);
  });

  it('never refuses when off, and refuses a nonsensical limit at start', () => {
    const off = createRateLimiter(false);
    for (let i = 0; i < 10; i++) off.take([{ key: 'p', events: 200 }], 0);
    expect(() => createRateLimiter({ perSecond: 0, burst: 10 })).toThrow(/invalid profile rate limit/);
  });

  it('parses the CLI value: off, a rate, a rate and a burst', () => {
    expect(parseRateLimit('off')).toBe(false);
    expect(parseRateLimit('20')).toEqual({ perSecond: 20, burst: 200 });
    expect(parseRateLimit('0.5,3')).toEqual({ perSecond: 0.5, burst: 3 });
    expect(() => parseRateLimit('fast')).toThrow(/invalid profile rate limit "fast"/);
    expect(() => parseRateLimit('0')).toThrow(/invalid profile rate limit/);
  });
});

describe('429 ERR_PROFILE_OVERLOAD over HTTP', () => {
  it('answers 429 with Retry-After and the error envelope, writes nothing, and recovers', async () => {
    const api = await startTestServer({ profileRateLimit: { perSecond: 1, burst: 5 } });
    const created = (await api.post('/profiles', { events: pages(5) })).body.data.profile;

    const refused = await api.post(`/profiles/${created.id}`, { events: [events.identify('', { a: 1 })] });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      message: expect.stringMatching(/^too many events for profile/),
      data: {},
      error: { code: 'ERR_PROFILE_OVERLOAD' },
    });
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(refused.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect((await inspect(api.url, true)).body.data.events).toHaveLength(5);

    // Reads and preflights are not charged and still answer.
    expect((await api.get(`/profiles/${created.id}`)).status).toBe(200);
    const preflight = await api.post(`/profiles/${created.id}?type=preflight`, { events: pages(3) });
    expect(preflight.status).toBe(200);

    api.clock.now += 1000;
    const retried = await api.post(`/profiles/${created.id}`, { events: [events.identify('', { a: 1 })] });
    expect(retried.status).toBe(200);
    expect(retried.body.data.profile.traits).toEqual({ a: 1 });
  });

  it('refuses a whole batch when one of its profiles is overloaded', async () => {
    const api = await startTestServer({ profileRateLimit: { perSecond: 1, burst: 5 } });
    const batch = (body: unknown) =>
      request(`${api.base}/events`, { method: 'POST', body: JSON.stringify(body) });
    const forProfile = (id: string, n: number) =>
      Array.from({ length: n }, () => events.track('x', {}, { anonymousId: id }));
    expect((await batch({ events: forProfile('busy', 5) })).status).toBe(200);
    const refused = await batch({ events: [...forProfile('calm', 2), ...forProfile('busy', 1)] });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('ERR_PROFILE_OVERLOAD');
    expect((await api.get('/profiles/calm')).status).toBe(404);
  });

  it('is on by default (100/s, burst 1000) and can be turned off', async () => {
    expect(DEFAULT_PROFILE_RATE_LIMIT).toEqual({ perSecond: 100, burst: 1000 });
    // Bare track events: the smallest valid events, so 1,200 of them cost little.
    const bare = () => ({
      events: Array.from({ length: 200 }, () => ({ type: 'track', messageId: randomUUID(), event: 'x' })),
    });
    const flood = async (api: Awaited<ReturnType<typeof startTestServer>>) => {
      const { id } = (await api.post('/profiles', bare())).body.data.profile;
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await api.post(`/profiles/${id}`, bare())).status);
      return statuses;
    };
    const [byDefault, off] = await Promise.all([
      startTestServer().then(flood),
      startTestServer({ profileRateLimit: false }).then(flood),
    ]);
    expect(byDefault).toEqual([200, 200, 200, 200, 429]);
    expect(off).toEqual([200, 200, 200, 200, 200]);
  });
});
