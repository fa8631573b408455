import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NinetailedEvent } from '../src/index';
import { fetchDouble, NOW, setup, sharedStorage } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

const NS = '__nt_outbox__/demo/main';
const names = (events: Array<Record<string, unknown>>) => events.map((e) => e.event ?? e.type);

describe("consent: 'required'", () => {
  it('holds events (calls resolve at once), then sends them in order on consent(true), flagged true', async () => {
    const seen: boolean[] = [];
    const { api, ninetailed, storage } = setup({
      consent: 'required',
      plugins: [
        {
          name: 'spy',
          onEvent: (event: NinetailedEvent) => void seen.push(event.context.gdpr.isConsentGiven),
        },
      ],
    });
    await expect(Promise.all([ninetailed.page(), ninetailed.track('a')])).resolves.toEqual([
      { success: true },
      { success: true },
    ]);
    await ninetailed.identify('', { color: 'red' });
    await expect(ninetailed.flush()).resolves.toBeUndefined();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.requests).toHaveLength(0);
    // Held in the durable outbox.
    expect(Object.keys(JSON.parse(storage.getItem(NS)!))).toHaveLength(1);
    // At call time, plugins saw the truth: no consent yet.
    expect(seen).toEqual([false, false, false]);

    api.ok();
    ninetailed.consent(true);
    await ninetailed.flush();
    expect(api.requests).toHaveLength(1);
    expect(names(api.events())).toEqual(['page', 'a', 'identify']);
    // Re-stamped: they leave with consent, and say so; enrichment is asked for with it.
    expect(api.events().map((e) => (e.context as NinetailedEvent['context']).gdpr)).toEqual([
      { isConsentGiven: true },
      { isConsentGiven: true },
      { isConsentGiven: true },
    ]);
    expect(api.requests[0]!.body.options).toEqual({ features: ['ip-enrichment', 'location'] });
    expect(storage.getItem('__nt_consent__')).toBe('true');
    // After consent, events go at once, flagged true from the start.
    api.ok();
    await ninetailed.track('b');
    expect(seen.at(-1)).toBe(true);
    expect(api.requests).toHaveLength(2);
  });

  it('consent(false) drops held events and stops collection; the choice persists', async () => {
    const { api, ninetailed, storage } = setup({ consent: 'required' });
    await ninetailed.page();
    await ninetailed.track('a');
    ninetailed.consent(false);
    expect(storage.getItem(NS)).toBe('{}');
    await expect(ninetailed.track('b')).resolves.toEqual({ success: true });
    await ninetailed.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.requests).toHaveLength(0);
    expect(storage.getItem('__nt_consent__')).toBe('false');

    // Next visit: still refused, nothing collected (not even with the default 'granted').
    const next = setup({ storage }, fetchDouble());
    await next.ninetailed.page();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(next.api.requests).toHaveLength(0);
    expect(storage.getItem(NS)).toBe('{}');

    // Given later: collection starts again.
    next.api.ok();
    next.ninetailed.consent(true);
    await next.ninetailed.track('c');
    expect(names(next.api.events())).toEqual(['c']);
  });

  it('a consent given on an earlier visit holds: events go at once', async () => {
    const first = setup({ consent: 'required' });
    first.ninetailed.consent(true);
    const next = setup({ consent: 'required', storage: first.storage }, fetchDouble());
    next.api.ok();
    await next.ninetailed.page();
    expect(next.api.requests).toHaveLength(1);
  });

  it('sends nothing held on page hide', async () => {
    const { api, ninetailed, window } = setup({ consent: 'required' });
    await ninetailed.page();
    window.dispatch('pagehide');
    await vi.advanceTimersByTimeAsync(0);
    expect(api.requests).toHaveLength(0);
  });

  it('consent(false) with the default (granted) drops what is pending and stops', async () => {
    const { api, ninetailed } = setup();
    const gate = api.hold();
    ninetailed.track('a');
    await vi.advanceTimersByTimeAsync(0);
    ninetailed.track('b');
    ninetailed.consent(false);
    gate.release();
    await ninetailed.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(names(api.events())).toEqual(['a']);
  });

  it('a choice made in one tab reaches the other: consent releases its held events', async () => {
    const shared = sharedStorage();
    const one = shared.tab();
    const two = shared.tab();
    const a = setup({ consent: 'required', storage: one.storage, window: one.window });
    const b = setup({ consent: 'required', storage: two.storage, window: two.window }, fetchDouble());
    await b.ninetailed.track('b1');
    b.api.ok();
    a.ninetailed.consent(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(names(b.api.events())).toEqual(['b1']);
    expect(a.api.requests).toHaveLength(0);
  });
});
