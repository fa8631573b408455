import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  NinetailedDeliveryError,
  NinetailedServer,
  type NinetailedServerOptions,
} from '../../src/server/index';
import { API, fail, fetchDouble, hang, NOW, okProfile } from './serverFetchDouble';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  // No jitter: each wait is the whole backoff (250 ms, doubling).
  vi.spyOn(Math, 'random').mockReturnValue(1);
});
afterEach(() => {
  vi.useRealTimers();
});

const client = (api: ReturnType<typeof fetchDouble>, options: Partial<NinetailedServerOptions> = {}) =>
  new NinetailedServer({ clientId: 'demo', fetch: api.fetch, ...options });

/** The call's outcome, readable without awaiting (fake time decides when it settles). */
function watch<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

describe('server client: retries, timeout, budget, error answers', () => {
  it('retries 5xx with exponential backoff (250 ms, 500 ms), same messageId, fresh sentAt', async () => {
    const api = fetchDouble()
      .next(fail(503, 'ERR_INTERNAL_SERVER_ERROR'))
      .next(fail(500, 'ERR_INTERNAL_SERVER_ERROR'));
    api.next(okProfile('p1'));
    const onLog = vi.fn();
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const call = watch(client(api, { onLog, debug: true }).track('a', {}, { profileId: 'p1' }));
    await vi.advanceTimersByTimeAsync(249);
    expect(api.seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(499);
    expect(api.seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.seen).toHaveLength(3);
    expect(call.value?.profile.id).toBe('p1');
    expect(api.seen.map((r) => r.at - NOW)).toEqual([0, 250, 750]);
    const ids = api.seen.map((r) => r.body!.events[0]!.messageId);
    expect(new Set(ids).size).toBe(1);
    expect(api.seen.map((r) => r.body!.events[0]!.sentAt)).toEqual(
      [0, 250, 750].map((ms) => new Date(NOW + ms).toISOString()),
    );
    expect(onLog).toHaveBeenCalledWith(expect.stringMatching(/answered 503.*retrying in 250 ms/), 'info');
  });

  it('jitter: the wait is half to all of the backoff', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const api = fetchDouble().next(fail(502, 'ERR_HTTP')).next(okProfile('p1'));
    client(api).track('a');
    await vi.advanceTimersByTimeAsync(124);
    expect(api.seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.seen).toHaveLength(2);
  });

  it('retries network errors, and rejects after `retries` retries with the last error', async () => {
    const api = fetchDouble();
    for (let i = 0; i < 3; i++) api.next(() => Promise.reject(new TypeError('fetch failed')));
    const onError = vi.fn();
    const call = watch(client(api, { onError }).track('a'));
    await vi.advanceTimersByTimeAsync(750);
    expect(api.seen).toHaveLength(3);
    expect(call.error).toBeInstanceOf(NinetailedDeliveryError);
    expect(call.error).toMatchObject({ code: 'ERR_NETWORK', status: 0 });
    expect(String((call.error as Error).message)).toMatch(
      /^\[ninetailed\] request failed: TypeError: fetch failed/,
    );
    expect(onError).toHaveBeenCalledWith(call.error);
  });

  it('retries: 0 sends once', async () => {
    const api = fetchDouble().next(fail(500, 'ERR_INTERNAL_SERVER_ERROR'));
    const call = watch(client(api, { retries: 0 }).track('a'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(call.error).toMatchObject({ status: 500 });
    expect(api.seen).toHaveLength(1);
  });

  it('429 honours Retry-After in seconds when longer than the backoff', async () => {
    const api = fetchDouble()
      .next(fail(429, 'ERR_PROFILE_OVERLOAD', '2'))
      .next(okProfile('p1'));
    const call = watch(client(api).track('a', {}, { profileId: 'p1' }));
    await vi.advanceTimersByTimeAsync(1999);
    expect(api.seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.seen).toHaveLength(2);
    expect(call.value?.profile.id).toBe('p1');
  });

  it('Retry-After as an HTTP date', async () => {
    const date = new Date(NOW + 3000).toUTCString();
    const api = fetchDouble()
      .next(fail(503, 'ERR_INTERNAL_SERVER_ERROR', date))
      .next(okProfile('p1'));
    client(api).track('a');
    await vi.advanceTimersByTimeAsync(2999);
    expect(api.seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.seen).toHaveLength(2);
  });

  it('a Retry-After beyond the total budget is not waited for: it rejects at once', async () => {
    const api = fetchDouble().next(fail(429, 'ERR_PROFILE_OVERLOAD', '3600'));
    const call = watch(client(api).track('a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(call.settled).toBe(true);
    expect(call.error).toMatchObject({ code: 'ERR_PROFILE_OVERLOAD', status: 429, retryAfter: 3_600_000 });
    expect((call.error as Error).message).toMatch(
      /answered 429 ERR_PROFILE_OVERLOAD: server says ERR_PROFILE_OVERLOAD; gave up after 1 attempts: .*5000 ms budget \(totalTimeout\)/,
    );
    expect(api.seen).toHaveLength(1);
  });

  it('a hanging request is aborted after requestTimeout, then retried', async () => {
    const api = fetchDouble()
      .next((request) => hang(request))
      .next(okProfile('p1'));
    const call = watch(client(api, { requestTimeout: 1000 }).track('a'));
    await vi.advanceTimersByTimeAsync(999);
    expect(api.seen[0]!.signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.seen[0]!.signal!.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(250);
    expect(api.seen).toHaveLength(2);
    expect(call.value?.profile.id).toBe('p1');
  });

  it('the whole call never outlasts totalTimeout, even with a fetch that ignores the abort', async () => {
    const api = fetchDouble()
      .next((request) => hang(request, true))
      .next((request) => hang(request, true));
    // Attempt 1: 0-3000 ms; wait 250; attempt 2 gets what is left (1750 ms); a third would start after 5000.
    const call = watch(client(api).track('a'));
    await vi.advanceTimersByTimeAsync(4999);
    expect(call.settled).toBe(false);
    expect(api.seen.map((r) => r.at - NOW)).toEqual([0, 3250]);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.error).toMatchObject({ code: 'ERR_TIMEOUT', status: 0 });
    expect((call.error as Error).message).toMatch(/no answer within 1750 ms .*gave up after 2 attempts/);
  });

  it('400 rejects at once with the server message, never retried', async () => {
    const api = fetchDouble().next(fail(400, 'ERR_INVALID_DATA'));
    const onError = vi.fn();
    const call = watch(client(api, { onError }).track('a', {}, { profileId: 'p1' }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(call.error).toBeInstanceOf(NinetailedDeliveryError);
    expect(call.error).toMatchObject({ code: 'ERR_INVALID_DATA', status: 400 });
    expect((call.error as Error).message).toBe(
      '[ninetailed] the Experience API answered 400 ERR_INVALID_DATA: server says ERR_INVALID_DATA',
    );
    expect(onError).toHaveBeenCalledOnce();
    expect(api.seen).toHaveLength(1);
  });

  it('404 ERR_PROFILE_NOT_FOUND: the same event goes to a new profile, and the result says so', async () => {
    const api = fetchDouble().next(fail(404, 'ERR_PROFILE_NOT_FOUND')).next(okProfile('fresh'));
    const result = await client(api).track('signup', {}, { profileId: 'gone-123', locale: 'de' });
    expect(result).toMatchObject({ profile: { id: 'fresh' }, replacedProfileId: 'gone-123' });
    expect(api.seen.map((r) => r.url)).toEqual([
      `${API}/profiles/gone-123?locale=de`,
      `${API}/profiles?locale=de`,
    ]);
    expect(api.seen[1]!.body!.events).toEqual([
      { ...api.seen[0]!.body!.events[0], sentAt: expect.any(String) },
    ]);
  });

  it('404 on a preflight evaluates a new visitor, still as a preflight', async () => {
    const api = fetchDouble().next(fail(404, 'ERR_PROFILE_NOT_FOUND')).next(okProfile('fresh'));
    const result = await client(api).preflight({ profileId: 'gone-123' });
    expect(result.replacedProfileId).toBe('gone-123');
    expect(api.seen.map((r) => r.url)).toEqual([
      `${API}/profiles/gone-123?type=preflight`,
      `${API}/profiles?type=preflight`,
    ]);
  });

  it('404 ERR_CONFIG_NOT_FOUND and getProfile of an unknown id reject without a new profile', async () => {
    const api = fetchDouble()
      .next(fail(404, 'ERR_CONFIG_NOT_FOUND'))
      .next(fail(404, 'ERR_PROFILE_NOT_FOUND'));
    const ninetailed = client(api);
    await expect(ninetailed.track('a', {}, { profileId: 'p1' })).rejects.toMatchObject({
      code: 'ERR_CONFIG_NOT_FOUND',
      status: 404,
    });
    await expect(ninetailed.getProfile('p1')).rejects.toMatchObject({ code: 'ERR_PROFILE_NOT_FOUND' });
    expect(api.seen).toHaveLength(2);
  });

  it('an answer without a profile, or not JSON, rejects with ERR_BAD_RESPONSE (not retried)', async () => {
    const api = fetchDouble()
      .next({ ok: true, status: 200, json: async () => ({ data: {} }) })
      .next({
        ok: true,
        status: 200,
        json: async () => Promise.reject(new SyntaxError('Unexpected token <')),
      });
    const ninetailed = client(api);
    await expect(ninetailed.track('a')).rejects.toMatchObject({ code: 'ERR_BAD_RESPONSE' });
    await expect(ninetailed.track('a')).rejects.toMatchObject({ code: 'ERR_BAD_RESPONSE' });
    expect(api.seen).toHaveLength(2);
  });

  it('a throwing onError or onLog changes nothing', async () => {
    const api = fetchDouble().next(fail(400, 'ERR_INVALID_DATA'));
    const throwing = () => {
      throw new Error('boom');
    };
    await expect(client(api, { onError: throwing, onLog: throwing }).track('a')).rejects.toMatchObject({
      status: 400,
    });
  });
});
