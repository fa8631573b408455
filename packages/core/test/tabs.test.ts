import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BASE, fetchDouble, NOW, networkError, okReply, pageTimers, setup, sharedStorage } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  vi.spyOn(Math, 'random').mockReturnValue(1);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Two tabs of one site: one localStorage, `storage` events between them, a fetch double each. */
function twoTabs() {
  const shared = sharedStorage();
  const open = () => {
    const { storage, window } = shared.tab();
    const { timers, kill } = pageTimers();
    const tab = setup({ storage, window, timers }, fetchDouble());
    /** The page is gone (closed or crashed): no more timers, no more events. */
    const gone = () => {
      kill();
      window.listeners.clear();
    };
    return { ...tab, kill: gone };
  };
  return { shared, a: open(), b: open(), open };
}

const ids = (api: ReturnType<typeof fetchDouble>) => api.events().map((e) => e.messageId as string);

describe('two tabs', () => {
  it('share one profile id: the tab that learns it tells the other, whose state follows', async () => {
    const { a, b } = twoTabs();
    a.api.next(() => okReply('p1', { profile: { audiences: ['red-fans'] } }));
    await a.ninetailed.page();
    await vi.advanceTimersByTimeAsync(0); // the storage event reaches tab b
    expect(b.ninetailed.profileState).toMatchObject({
      status: 'success',
      from: 'hydrated',
      profile: { id: 'p1', audiences: ['red-fans'] },
    });
    b.api.ok('p1');
    await b.ninetailed.track('a');
    expect(b.api.requests[0]!.url).toBe(`${BASE}/p1`);
    // b's own answer does not bounce back into a as a change.
    const before = a.ninetailed.profileState;
    await vi.advanceTimersByTimeAsync(0);
    expect(a.ninetailed.profileState).toBe(before);
  });

  it('a new visitor opening two tabs at once gets one profile: one tab creates it, the other follows', async () => {
    const { a, b } = twoTabs();
    const gateA = a.api.hold(okReply('p1'));
    const gateB = b.api.hold(okReply('p1'));
    a.ninetailed.page();
    b.ninetailed.page();
    await vi.advanceTimersByTimeAsync(0);
    // Exactly one tab asked for a new profile; the other waits for its id.
    const creators = [a, b].filter((tab) => tab.api.requests.length > 0);
    expect(creators).toHaveLength(1);
    expect(creators[0]!.api.requests[0]!.url).toBe(BASE);
    const follower = creators[0] === a ? b : a;
    (creators[0] === a ? gateA : gateB).release();
    await vi.advanceTimersByTimeAsync(0);
    expect(follower.api.requests.map((r) => r.url)).toEqual([`${BASE}/p1`]);
    (creators[0] === a ? gateB : gateA).release();
    await vi.advanceTimersByTimeAsync(0);
    for (const tab of [a, b]) expect(tab.ninetailed.profileState.profile?.id).toBe('p1');
  });

  it('the tab that came first creates the profile, whatever the ids', async () => {
    const real = crypto.randomUUID.bind(crypto);
    // Tab ids sort the other way round from the order the tabs start.
    vi.spyOn(crypto, 'randomUUID')
      .mockReturnValueOnce('ffffffff-0000-4000-8000-000000000000')
      .mockReturnValueOnce('00000000-0000-4000-8000-000000000000')
      .mockImplementation(real);
    const { a, b } = twoTabs();
    const gate = a.api.hold(okReply('p1'));
    a.ninetailed.page();
    await vi.advanceTimersByTimeAsync(0);
    b.ninetailed.page();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.api.requests).toHaveLength(1);
    expect(b.api.requests).toHaveLength(0);
    b.api.ok('p1');
    gate.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(b.api.requests.map((r) => r.url)).toEqual([`${BASE}/p1`]);
  });

  it('each tab sends only its own pending events, also after failures and on `online`', async () => {
    const { a, b } = twoTabs();
    a.api.ok('p1');
    await a.ninetailed.page();
    a.api.next(networkError);
    b.api.next(networkError);
    await a.ninetailed.track('a1');
    await b.ninetailed.track('b1');
    await a.ninetailed.track('a2');
    await b.ninetailed.track('b2');
    a.api.ok('p1');
    b.api.ok('p1');
    a.window.dispatch('online');
    b.window.dispatch('online');
    await vi.advanceTimersByTimeAsync(60_000);
    const sentA = a.api.events().map((e) => e.event ?? e.type);
    const sentB = b.api.events().map((e) => e.event ?? e.type);
    expect(sentA).toEqual(['page', 'a1', 'a1', 'a2']);
    expect(sentB).toEqual(['b1', 'b1', 'b2']);
    const retried = [...new Set(ids(a.api)), ...new Set(ids(b.api))];
    expect(new Set(retried).size).toBe(retried.length);
  });

  it('a tab closed with events pending hands them to the other tab at once', async () => {
    const { a, b } = twoTabs();
    a.api.next(networkError, networkError);
    await a.ninetailed.track('a1');
    await a.ninetailed.track('a2');
    b.api.ok('p1');
    a.window.dispatch('pagehide'); // its keepalive attempt fails too; then tab a is gone
    a.kill();
    await vi.advanceTimersByTimeAsync(0);
    expect(b.api.events().map((e) => e.event)).toEqual(['a1', 'a2']);
    expect(ids(b.api)).toEqual(a.api.requests[1]!.body.events.map((e) => e.messageId));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(b.api.requests).toHaveLength(1);
  });

  it('a crashed tab’s events are adopted once its heartbeat is stale, not before', async () => {
    const { a, b } = twoTabs();
    a.api.next(networkError);
    await a.ninetailed.track('a1');
    // Alive: its heartbeat keeps the other tab off its events.
    a.api.next(networkError, networkError, networkError);
    await vi.advanceTimersByTimeAsync(7000);
    expect(b.api.requests).toHaveLength(0);
    a.kill(); // tab a crashes (no pagehide)
    const lastBeat = JSON.parse(b.storage.getItem('__nt_outbox__/demo/main')!);
    expect(Object.values(lastBeat)).toEqual([NOW + 5000]);
    await vi.advanceTimersByTimeAsync(14_000);
    expect(b.api.requests).toHaveLength(0);
    b.api.ok('p1');
    await vi.advanceTimersByTimeAsync(6000);
    expect(b.api.events().map((e) => e.event)).toEqual(['a1']);
  });

  it('a reload with two tabs: the new page takes its own last events, not the other tab’s', async () => {
    const t = twoTabs();
    t.a.api.ok('p1');
    await t.a.ninetailed.page();
    t.a.api.next(networkError);
    t.b.api.next(networkError);
    await t.a.ninetailed.track('a1');
    await t.b.ninetailed.track('b1');
    t.a.api.next(networkError); // a's keepalive on pagehide
    t.a.window.dispatch('pagehide');
    t.a.kill();
    // a reloads: a new page in its place; b keeps running (its retry comes at 1 s).
    const reloaded = t.open();
    reloaded.api.ok('p1');
    t.b.api.ok('p1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(reloaded.api.events().map((e) => e.event)).toEqual(['a1']);
    expect(t.b.api.events().map((e) => e.event)).toEqual(['b1', 'b1']);
  });
});
