import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, type NinetailedStorage } from '../src/index';
import { BASE, fetchDouble, NOW, networkError, okReply, setup } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  vi.spyOn(Math, 'random').mockReturnValue(1);
});
afterEach(() => {
  vi.useRealTimers();
});

const NS = '__nt_outbox__/demo/main';

/** The message ids waiting in storage under `ns`, tab by tab. */
const stored = (storage: NinetailedStorage, ns = NS) => {
  const tabs = JSON.parse(storage.getItem(ns) ?? '{}') as Record<string, number>;
  return Object.keys(tabs).flatMap((tab) =>
    (JSON.parse(storage.getItem(`${ns}/${tab}`) ?? '[]') as Array<{ event: { messageId: string } }>).map(
      (entry) => entry.event.messageId,
    ),
  );
};

describe('durable outbox', () => {
  it('writes every event to storage before its request, and removes it only once accepted', async () => {
    const { api, ninetailed, storage } = setup();
    const seen: string[][] = [];
    const gate = api.hold();
    api.next(() => {
      seen.push(stored(storage));
      return okReply('p1');
    });
    ninetailed.page();
    await vi.advanceTimersByTimeAsync(0);
    const first = api.requests[0]!.body.events[0]!.messageId as string;
    expect(stored(storage)).toEqual([first]);
    ninetailed.track('a');
    gate.release();
    await ninetailed.flush();
    const second = api.requests[1]!.body.events[0]!.messageId as string;
    // At the second request, only its own event was left.
    expect(seen).toEqual([[second]]);
    await vi.advanceTimersByTimeAsync(0);
    expect(stored(storage)).toEqual([]);
    expect(storage.getItem(NS)).toBe('{}');
  });

  it('after a reload, sends the pending events of the last page at once, with their messageIds', async () => {
    const first = setup();
    first.api.next(networkError, networkError);
    await first.ninetailed.page({ category: 'news' });
    await first.ninetailed.track('a'); // waits for the retry
    // Reload: the page hides (its keepalive attempt fails too), then it is gone.
    first.window.dispatch('pagehide');
    await vi.advanceTimersByTimeAsync(0);
    expect(first.api.requests[1]!.init.keepalive).toBe(true);
    const ids = first.api.requests[1]!.body.events.map((e) => e.messageId);
    expect(ids).toHaveLength(2);
    vi.clearAllTimers();

    const api = fetchDouble();
    api.ok('p1');
    const second = setup({ storage: first.storage }, api);
    await second.ninetailed.flush();
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.url).toBe(BASE);
    expect(api.events().map((e) => e.messageId)).toEqual(ids);
    expect(api.events()[0]!.properties).toMatchObject({ category: 'news' });
    await vi.advanceTimersByTimeAsync(0);
    expect(stored(first.storage)).toEqual([]);
  });

  it('after a crash (no pagehide), sends them once the crashed page’s heartbeat is stale', async () => {
    const first = setup();
    first.api.next(networkError);
    await first.ninetailed.track('a');
    vi.clearAllTimers(); // the page crashed

    const api = fetchDouble();
    const second = setup({ storage: first.storage }, api);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(api.requests).toHaveLength(0);
    api.ok('p1');
    await vi.advanceTimersByTimeAsync(5000);
    expect(api.events().map((e) => e.event)).toEqual(['a']);
    expect(api.events()[0]!.messageId).toBe(first.api.events()[0]!.messageId);
    expect(second.ninetailed.profileState.profile?.id).toBe('p1');
  });

  it('keeps the outbox of each client id and environment apart', async () => {
    const first = setup();
    first.api.next(networkError);
    await first.ninetailed.track('a');
    vi.clearAllTimers(); // the page is gone, its event left pending

    const api = fetchDouble();
    const other = setup({ storage: first.storage, environment: 'dev' }, api);
    api.ok('p1');
    await other.ninetailed.track('b');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.events().map((e) => e.event)).toEqual(['b']);
    expect(stored(first.storage)).toHaveLength(1);
    expect(stored(first.storage, '__nt_outbox__/demo/dev')).toEqual([]);
  });

  it('holds at most 1000 events: the oldest go, reported through onError', async () => {
    const { api, ninetailed, storage, onError } = setup({ consent: 'required' });
    for (let i = 0; i < 1003; i++) ninetailed.track(`t${i}`);
    await vi.advanceTimersByTimeAsync(0);
    expect(stored(storage)).toHaveLength(1000);
    expect(onError).toHaveBeenCalledTimes(3);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({
        code: 'ERR_OUTBOX_FULL',
        message: '[ninetailed] outbox full: dropped the oldest event (track)',
      }),
    );
    api.ok('p1', 5);
    ninetailed.consent(true);
    await ninetailed.flush();
    const sent = api.events().map((e) => e.event);
    expect(sent).toHaveLength(1000);
    expect(sent[0]).toBe('t3');
    expect(sent.at(-1)).toBe('t1002');
  });

  it('falls back to memory when storage is unavailable, and says so once (debug)', async () => {
    const broken: NinetailedStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { api, ninetailed, onError } = setup({ storage: broken, debug: true });
    api.next(networkError);
    api.ok('p1', 2);
    await ninetailed.page();
    await vi.advanceTimersByTimeAsync(1000);
    await ninetailed.page();
    // The id lives in memory: the second request continues the profile.
    expect(api.requests.map((r) => r.url)).toEqual([BASE, BASE, `${BASE}/p1`]);
    const said = debug.mock.calls.filter(([text]) => String(text).includes('storage unavailable'));
    expect(said).toEqual([['[ninetailed] storage unavailable: using memory']]);
    expect(onError).toHaveBeenCalledTimes(1); // the network error only
  });

  it.each([
    ['corrupt entries', JSON.stringify({ old: 0, weird: 'x', none: null })],
    ['an array', '[1]'],
    ['a number', '5'],
    ['not JSON', '{'],
  ])('ignores a registry holding %s', async (_, registry) => {
    const storage = memoryStorage();
    storage.setItem(NS, registry);
    storage.setItem(`${NS}/old`, '{not json');
    storage.setItem(`${NS}/weird`, '[{"no":"event"}]');
    const { api, ninetailed } = setup({ storage });
    api.ok('p1');
    await ninetailed.track('a');
    expect(api.events().map((e) => e.event)).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.getItem(NS)).toBe('{}');
  });
});
