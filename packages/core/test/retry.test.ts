import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NinetailedDeliveryError } from '../src/index';
import { BASE, errorReply, NOW, networkError, okReply, rejected, setup } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  // No jitter: the delay is the upper bound (jitter draws it from [half, all] of it).
  vi.spyOn(Math, 'random').mockReturnValue(1);
});
afterEach(() => {
  vi.useRealTimers();
});

const names = (events: Array<Record<string, unknown>>) => events.map((e) => e.event ?? e.type);

/** The events this tab keeps in storage (its own outbox key). */
const stored = (storage: { getItem(key: string): string | null }) => {
  const tabs = JSON.parse(storage.getItem('__nt_outbox__/demo/main') ?? '{}');
  return Object.keys(tabs).flatMap((tab) =>
    JSON.parse(storage.getItem(`__nt_outbox__/demo/main/${tab}`) ?? '[]').map(
      (entry: { event: { messageId: string } }) => entry.event.messageId,
    ),
  );
};

describe('the error table', () => {
  const transient: Array<[string, Parameters<ReturnType<typeof setup>['api']['next']>[0], string, number]> = [
    ['a network error', networkError, 'ERR_NETWORK', 0],
    ['500', () => errorReply(500, 'ERR_INTERNAL_SERVER_ERROR'), 'ERR_INTERNAL_SERVER_ERROR', 500],
    [
      '503 without a JSON body',
      () => ({ ok: false, status: 503, json: () => Promise.reject(new Error('html')) }),
      'ERR_HTTP',
      503,
    ],
    ['429', () => errorReply(429, 'ERR_PROFILE_OVERLOAD'), 'ERR_PROFILE_OVERLOAD', 429],
    ['404 ERR_CONFIG_NOT_FOUND', () => errorReply(404, 'ERR_CONFIG_NOT_FOUND'), 'ERR_CONFIG_NOT_FOUND', 404],
    ['408', () => errorReply(408, 'ERR_TIMEOUT'), 'ERR_TIMEOUT', 408],
    [
      'a 200 without a profile',
      () => ({ ok: true, status: 200, json: async () => ({ data: {} }) }),
      'ERR_BAD_RESPONSE',
      200,
    ],
  ];

  it.each(transient)(
    '%s: reports once, resolves the calls, keeps the events and retries them, same ids, same order',
    async (_, reply, code, status) => {
      const { api, ninetailed, onError, storage } = setup();
      api.next(reply);
      api.ok();
      await expect(Promise.all([ninetailed.page(), ninetailed.track('a')])).resolves.toEqual([
        { success: true },
        { success: true },
      ]);
      expect(onError).toHaveBeenCalledTimes(1);
      const error = onError.mock.calls[0]![0];
      expect(error).toBeInstanceOf(NinetailedDeliveryError);
      expect(error).toMatchObject({ code, status });
      expect(ninetailed.profileState).toMatchObject({ status: 'error', error });
      const ids = api.requests[0]!.body.events.map((e) => e.messageId);
      expect(stored(storage)).toEqual(ids);

      await vi.advanceTimersByTimeAsync(999);
      expect(api.requests).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(api.requests).toHaveLength(2);
      expect(api.requests[1]!.body.events.map((e) => e.messageId)).toEqual(ids);
      expect(names(api.requests[1]!.body.events)).toEqual(['page', 'a']);
      expect(ninetailed.profileState.status).toBe('success');
      await vi.advanceTimersByTimeAsync(0);
      expect(stored(storage)).toEqual([]);
    },
  );

  it('a hung request times out, and its events are retried', async () => {
    const { api, ninetailed, onError } = setup({ requestTimeout: 2000 });
    api.hold();
    api.ok();
    let done = false;
    ninetailed.track('a').then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(1999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    // Resolved once the timeout has kept it for a retry.
    expect(done).toBe(true);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_TIMEOUT' }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(names(api.events())).toEqual(['a', 'a']);
  });

  it('400: drops the events, rejects their calls with the server’s message, and goes on', async () => {
    const { api, ninetailed, onError, storage } = setup();
    api.next(() => errorReply(400, 'ERR_INVALID_DATA'));
    api.ok();
    const bad = ninetailed.track('a').then((r) => r.error);
    const error = await bad;
    expect(error).toMatchObject({
      code: 'ERR_INVALID_DATA',
      status: 400,
      message: '[ninetailed] the Experience API answered 400: failed: ERR_INVALID_DATA',
    });
    expect(onError).toHaveBeenCalledWith(error);
    await vi.advanceTimersByTimeAsync(0);
    expect(stored(storage)).toEqual([]);
    await ninetailed.track('b');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(names(api.events())).toEqual(['a', 'b']);
  });

  it('another 4xx (413) is dropped too: retrying cannot help', async () => {
    const { api, ninetailed } = setup();
    api.next(() => errorReply(413, 'ERR_BODY_TOO_LARGE'));
    await expect(rejected(ninetailed.track('a'))).rejects.toMatchObject({ status: 413 });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(api.requests).toHaveLength(1);
  });

  it('404 ERR_PROFILE_NOT_FOUND forgets the id and re-sends the same events at once; a failure there is retried without the id', async () => {
    const { api, ninetailed, storage } = setup();
    storage.setItem('__nt_anonymous_id__', '"gone"');
    api.next(() => errorReply(404, 'ERR_PROFILE_NOT_FOUND'));
    api.next(() => errorReply(503, 'ERR_INTERNAL_SERVER_ERROR'));
    api.ok('fresh');
    await ninetailed.track('a');
    expect(api.requests.map((r) => r.url)).toEqual([`${BASE}/gone`, BASE]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.requests.map((r) => r.url)).toEqual([`${BASE}/gone`, BASE, BASE]);
    expect(new Set(api.events().map((e) => e.messageId)).size).toBe(1);
    expect(storage.getItem('__nt_anonymous_id__')).toBe('"fresh"');
  });
});

describe('backoff', () => {
  it('doubles per failure in a row up to 64 s, and starts over after a success', async () => {
    const { api, ninetailed, onError, onLog } = setup();
    for (let i = 0; i < 9; i++) api.next(() => errorReply(503, 'ERR_INTERNAL_SERVER_ERROR'));
    api.ok();
    await ninetailed.track('a');
    const waits = [1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 64_000, 64_000];
    for (const [i, wait] of waits.entries()) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(api.requests).toHaveLength(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(api.requests).toHaveLength(i + 2);
    }
    // One failure streak, one report; the retries only log (debug).
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onLog).not.toHaveBeenCalledWith(expect.anything(), expect.anything(), 'debug');
    api.next(() => errorReply(503, 'ERR_INTERNAL_SERVER_ERROR'));
    api.ok();
    await ninetailed.track('b');
    await vi.advanceTimersByTimeAsync(1000);
    expect(names(api.events()).slice(-2)).toEqual(['b', 'b']);
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('draws each delay from [half, all] of it (jitter)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { api, ninetailed } = setup();
    api.next(networkError, networkError);
    api.ok();
    await ninetailed.track('a');
    await vi.advanceTimersByTimeAsync(499);
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(api.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.requests).toHaveLength(3);
  });

  it('scales the delay linearly within [half, all] (Math.random 0.5: three quarters)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { api, ninetailed } = setup();
    api.next(networkError, networkError, networkError);
    api.ok();
    await ninetailed.track('a');
    for (const [i, wait] of [750, 1500, 3000].entries()) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(api.requests).toHaveLength(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(api.requests).toHaveLength(i + 2);
    }
  });

  it.each([
    ['seconds', '7', 7000],
    ['an HTTP date', new Date(NOW + 12_000).toUTCString(), 12_000],
    ['a huge value (capped at 5 minutes)', '86400', 300_000],
  ])('honours Retry-After in %s', async (_, header, wait) => {
    const { api, ninetailed } = setup();
    api.next(() => errorReply(429, 'ERR_PROFILE_OVERLOAD', header));
    api.ok();
    await ninetailed.track('a');
    await vi.advanceTimersByTimeAsync(wait - 1);
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.requests).toHaveLength(2);
  });

  it('waits the backoff when Retry-After is shorter', async () => {
    const { api, ninetailed } = setup();
    api.next(networkError);
    api.next(() => errorReply(429, 'ERR_PROFILE_OVERLOAD', '1'));
    api.ok();
    await ninetailed.track('a');
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.requests).toHaveLength(2);
    // Second failure in a row: 2 s of backoff beats Retry-After: 1.
    await vi.advanceTimersByTimeAsync(1999);
    expect(api.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.requests).toHaveLength(3);
  });
});

describe('offline', () => {
  it('keeps events made offline, and sends them all, in order, at once on `online`', async () => {
    const { api, ninetailed, window, onError } = setup();
    // Offline: the first attempt, and the retries after 1 s and 3 s, fail.
    api.next(networkError, networkError, networkError);
    await ninetailed.page();
    await ninetailed.track('a');
    await vi.advanceTimersByTimeAsync(3000);
    await ninetailed.track('b');
    const tried = api.requests.length;
    expect(tried).toBe(3);
    expect(onError).toHaveBeenCalledTimes(1);
    api.ok();
    window.dispatch('online');
    await vi.advanceTimersByTimeAsync(0);
    expect(api.requests).toHaveLength(tried + 1);
    expect(names(api.requests.at(-1)!.body.events)).toEqual(['page', 'a', 'b']);
    expect(ninetailed.profileState.status).toBe('success');
    // Nothing left, nothing more sent.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(api.requests).toHaveLength(tried + 1);
  });

  it('never reorders: events made during a failing request go after its events', async () => {
    const { api, ninetailed } = setup();
    const first = api.hold(errorReply(503, 'ERR_INTERNAL_SERVER_ERROR'));
    api.ok();
    const a = ninetailed.track('a');
    await vi.advanceTimersByTimeAsync(0);
    const b = ninetailed.track('b');
    first.release();
    await Promise.all([a, b]);
    expect(api.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.requests.map((r) => names(r.body.events))).toEqual([['a'], ['a', 'b']]);
  });
});

describe('promises and flush', () => {
  it('a call made while a retry waits resolves at once; flush() does not wait for the retry', async () => {
    const { api, ninetailed } = setup();
    api.next(networkError);
    await ninetailed.track('a');
    let done = false;
    ninetailed.track('b').then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    await expect(ninetailed.flush()).resolves.toBeUndefined();
    expect(api.requests).toHaveLength(1);
    api.ok();
    await vi.advanceTimersByTimeAsync(1000);
    expect(names(api.events())).toEqual(['a', 'a', 'b']);
  });

  it('flush() waits for every request it can make now', async () => {
    const { api, ninetailed } = setup();
    api.ok('p1', 2);
    for (let i = 0; i < 201; i++) ninetailed.track(`t${i}`);
    await ninetailed.flush();
    expect(api.requests.map((r) => r.body.events.length)).toEqual([200, 1]);
  });

  it('a later success of earlier events does not touch a call’s promise twice', async () => {
    const { api, ninetailed } = setup();
    api.next(() => okReply('p1'));
    await expect(ninetailed.page()).resolves.toEqual({ success: true });
    await expect(ninetailed.flush()).resolves.toBeUndefined();
  });
});
