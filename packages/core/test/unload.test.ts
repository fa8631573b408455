import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BASE, fetchDouble, NOW, networkError, setup } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  vi.spyOn(Math, 'random').mockReturnValue(1);
});
afterEach(() => {
  vi.useRealTimers();
});

const names = (events: Array<Record<string, unknown>>) => events.map((e) => e.event ?? e.type);

/** A tab whose first event was accepted (profile p1) and whose later events wait for a retry. */
async function pendingTab(...events: string[]) {
  const tab = setup();
  tab.api.ok('p1');
  await tab.ninetailed.page();
  tab.api.next(networkError);
  for (const event of events) await tab.ninetailed.track(event);
  return tab;
}

describe('unload', () => {
  it('on visibilitychange to hidden, sends what is pending with keepalive, as text/plain', async () => {
    const { api, ninetailed, window, document } = await pendingTab('a', 'b');
    api.ok('p1');
    document.visibilityState = 'hidden';
    window.dispatch('visibilitychange');
    // Sent synchronously, inside the event handler, while the page still runs.
    expect(api.requests).toHaveLength(3);
    const request = api.requests[2]!;
    expect(request.url).toBe(`${BASE}/p1`);
    expect(request.init).toMatchObject({
      method: 'POST',
      keepalive: true,
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(names(request.body.events)).toEqual(['a', 'b']);
    // Confirmed: nothing is left for the retry.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(api.requests).toHaveLength(3);
    expect(ninetailed.profileState.status).toBe('success');
  });

  it('ignores visibilitychange to visible, and hides with nothing pending', async () => {
    const { api, window, document } = setup();
    window.dispatch('visibilitychange');
    document.visibilityState = 'hidden';
    window.dispatch('visibilitychange');
    window.dispatch('pagehide');
    await vi.advanceTimersByTimeAsync(0);
    expect(api.requests).toHaveLength(0);
  });

  it('sends once for visibilitychange then pagehide (one keepalive request in flight)', async () => {
    const { api, window, document } = await pendingTab('a');
    api.hold();
    document.visibilityState = 'hidden';
    window.dispatch('visibilitychange');
    window.dispatch('pagehide');
    expect(api.requests.filter((r) => r.init.keepalive)).toHaveLength(1);
  });

  it('keeps the events until a response confirms them: a lost beacon is re-sent on the next visit', async () => {
    const first = await pendingTab('a');
    first.api.hold(); // the page closes: no answer ever reaches it
    first.window.dispatch('pagehide');
    const beacon = first.api.requests.at(-1)!;
    expect(beacon.init.keepalive).toBe(true);
    vi.clearAllTimers();

    const api = fetchDouble();
    api.ok('p1');
    const next = setup({ storage: first.storage }, api);
    await next.ninetailed.flush();
    // Same event, same messageId: the server's idempotency absorbs a duplicate.
    expect(api.events().map((e) => e.messageId)).toEqual(beacon.body.events.map((e) => e.messageId));
    expect(api.requests[0]!.url).toBe(`${BASE}/p1`);
  });

  it('stays within the keepalive budget (64 KiB): the oldest events go, the rest wait', async () => {
    const { api, ninetailed, window } = setup();
    api.ok('p1');
    await ninetailed.page();
    api.next(networkError);
    const blob = 'x'.repeat(1000);
    for (let i = 0; i < 100; i++) ninetailed.track(`t${i}`, { blob });
    await vi.advanceTimersByTimeAsync(0);
    api.ok('p1', 2);
    window.dispatch('pagehide');
    const beacon = api.requests.at(-1)!;
    expect(beacon.init.keepalive).toBe(true);
    expect(new TextEncoder().encode(beacon.init.body).length).toBeLessThanOrEqual(64 * 1024);
    const carried = beacon.body.events.length;
    expect(carried).toBeGreaterThan(30);
    expect(carried).toBeLessThan(100);
    expect(names(beacon.body.events)).toEqual(Array.from({ length: carried }, (_, i) => `t${i}`));
    // The page lives on (bfcache): the rest goes at the retry.
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.events().slice(-(100 - carried))[0]!.event).toBe(`t${carried}`);
  });

  it('sends a request while one is in flight only once a profile id exists (never a second profile)', async () => {
    const { api, ninetailed, window } = setup();
    const first = api.hold();
    ninetailed.page();
    await vi.advanceTimersByTimeAsync(0);
    ninetailed.track('a');
    window.dispatch('pagehide');
    expect(api.requests).toHaveLength(1);
    first.release();
    api.ok('p1');
    await ninetailed.flush();
    expect(api.requests.map((r) => r.url)).toEqual([BASE, `${BASE}/p1`]);
  });

  it('with a profile id, re-sends the events of a request in flight (the browser would cancel it)', async () => {
    const { api, ninetailed, window } = setup();
    api.ok('p1');
    await ninetailed.page();
    const inFlight = api.hold();
    api.ok('p1');
    ninetailed.track('a');
    await vi.advanceTimersByTimeAsync(0);
    ninetailed.track('b');
    window.dispatch('pagehide');
    expect(names(api.requests.at(-1)!.body.events)).toEqual(['a', 'b']);
    inFlight.release();
    await ninetailed.flush();
    expect(api.requests).toHaveLength(3);
  });
});
