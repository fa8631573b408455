import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../src/index';
import { durableOutbox, type OutboxEntry } from '../src/outbox';
import type { NinetailedEvent } from '../src/types';
import { NOW, setup } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('delivery', () => {
  it('sends calls made in the same tick together, as soon as the SDK is idle', async () => {
    const { api, ninetailed } = setup();
    api.ok();
    const calls = [ninetailed.page(), ninetailed.track('a'), ninetailed.identify('', { t: 1 })];
    expect(api.fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.requests).toHaveLength(1);
    expect(api.events().map((e) => e.type)).toEqual(['page', 'track', 'identify']);
    await expect(Promise.all(calls)).resolves.toEqual([
      { success: true },
      { success: true },
      { success: true },
    ]);
  });

  it('gathers calls made during a request into the next one, oldest first', async () => {
    const { api, ninetailed } = setup();
    const first = api.hold();
    api.ok();
    const settled: string[] = [];
    const track = (name: string) => ninetailed.track(name).then(() => settled.push(name));
    track('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(api.requests).toHaveLength(1);
    track('b');
    track('c');
    track('d');
    await vi.advanceTimersByTimeAsync(1000);
    // One request at a time: nothing else leaves while the first is in flight.
    expect(api.requests).toHaveLength(1);
    expect(settled).toEqual([]);
    first.release();
    await ninetailed.flush();
    expect(api.requests.map((r) => r.body.events.map((e) => e.event))).toEqual([['a'], ['b', 'c', 'd']]);
    expect(settled).toEqual(['a', 'b', 'c', 'd']);
    // The second request already carries the profile id the first one returned.
    expect(api.requests[1]!.url).toMatch(/\/profiles\/p1$/);
  });

  it('splits at 200 events and at 50 identify events per request', async () => {
    const { api, ninetailed } = setup();
    api.ok('p1', 3);
    const calls: Promise<void>[] = [];
    for (let i = 0; i < 230; i++) calls.push(ninetailed.track(`t${i}`));
    for (let i = 0; i < 60; i++) calls.push(ninetailed.identify('', { i }));
    await Promise.all(calls);
    const sizes = api.requests.map((r) => [
      r.body.events.length,
      r.body.events.filter((e) => e.type === 'identify').length,
    ]);
    expect(sizes).toEqual([
      [200, 0],
      [80, 50],
      [10, 10],
    ]);
    // Nothing lost, nothing reordered.
    const names = api.events().map((e) => (e.type === 'track' ? e.event : (e.traits as { i: number }).i));
    expect(names).toEqual([
      ...Array.from({ length: 230 }, (_, i) => `t${i}`),
      ...Array.from({ length: 60 }, (_, i) => i),
    ]);
  });

  it('flush() resolves at once when idle, and after every pending event otherwise', async () => {
    const { api, ninetailed } = setup();
    await expect(ninetailed.flush()).resolves.toBeUndefined();
    const gate = api.hold();
    api.ok();
    ninetailed.page();
    await vi.advanceTimersByTimeAsync(0);
    ninetailed.track('x');
    let flushed = false;
    const flush = ninetailed.flush().then(() => {
      flushed = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toBe(false);
    gate.release();
    await flush;
    expect(api.requests).toHaveLength(2);
  });

  it('times out a request after requestTimeout, keeps its events and retries them', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const { api, ninetailed, onError } = setup({ requestTimeout: 1000 });
    api.hold(); // never released
    api.ok();
    let resolved = false;
    const call = ninetailed.page().then(() => {
      resolved = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(onError).not.toHaveBeenCalled();
    expect(resolved).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    // Kept for a retry: the call is done, the failure reported.
    await call;
    const error = onError.mock.calls[0]![0];
    expect(error).toMatchObject({ name: 'NinetailedDeliveryError', code: 'ERR_TIMEOUT', status: 0 });
    expect(api.requests[0]!.init.signal?.aborted).toBe(true);
    expect(ninetailed.profileState.status).toBe('error');
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]!.body.events[0]!.messageId).toBe(api.requests[0]!.body.events[0]!.messageId);
    expect(ninetailed.profileState.status).toBe('success');
  });
});

describe('outbox', () => {
  const entry = (type: NinetailedEvent['type'], epoch = 0, bytes = 10): OutboxEntry => ({
    event: { type, messageId: `m${Math.random()}` } as NinetailedEvent,
    epoch,
    bytes,
  });
  const outbox = () =>
    durableOutbox({
      storage: memoryStorage(),
      namespace: 'ns',
      tabId: 'tab',
      now: () => NOW,
      onDrop: vi.fn(),
    });

  it('takes the oldest entries of the oldest epoch within the limits', () => {
    const box = outbox();
    const items = [entry('page'), entry('track'), entry('page', 1), entry('page', 1)];
    for (const item of items) box.add(item);
    expect(box.next()).toEqual(items.slice(0, 2));
    box.remove(items.slice(0, 2));
    box.remove(items.slice(0, 2));
    expect(box.next()).toEqual(items.slice(2));
  });

  it('bounds the body size, but always takes at least one entry', () => {
    const box = outbox();
    const items = [entry('page', 0, 400), entry('page', 0, 400), entry('page', 0, 100)];
    for (const item of items) box.add(item);
    expect(box.next(300)).toEqual([items[0]]);
    expect(box.next(800)).toEqual(items.slice(0, 2));
  });
});
