// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ComponentView,
  type ComponentViewPayload,
  memoryStorage,
  type NinetailedOptions,
  observeElement,
  unobserveElement,
} from '../../src/index';
import { fetchDouble, NOW, okReply, profile, type SentRequest, settle, setup, UUID_V4 } from '../helpers';

/** A fake IntersectionObserver: `show`/`hide` deliver entries for the elements it watches. */
class FakeObserver {
  static all: FakeObserver[] = [];
  watched = new Set<object>();
  constructor(readonly callback: (entries: Array<{ target: object; isIntersecting: boolean }>) => void) {
    FakeObserver.all.push(this);
  }
  observe(target: object) {
    this.watched.add(target);
  }
  unobserve(target: object) {
    this.watched.delete(target);
  }
  disconnect() {}
}
const deliver = (target: object, isIntersecting: boolean) => {
  for (const observer of FakeObserver.all) {
    if (observer.watched.has(target)) observer.callback([{ target, isIntersecting }]);
  }
};
const show = (target: object) => deliver(target, true);
const hide = (target: object) => deliver(target, false);

const INGEST = 'https://ingest.insights.ninetailed.co/v1/organizations/demo/environments/main/events';
const cta: ComponentViewPayload = {
  experienceId: 'cta-test',
  variantIndex: 1,
  componentId: 'cta-bold',
  componentType: 'Entry',
};
const fields = { componentType: 'Entry', componentId: 'cta-bold', experienceId: 'cta-test', variantIndex: 1 };
const hydrated = (id = 'p1') => ({ profile: profile(id), experiences: [], changes: [] });

/** A variant as rendered: a block with a button and a paragraph. */
function variant() {
  const el = document.createElement('div');
  el.innerHTML = '<button>Buy</button><p>Text</p><button disabled>Off</button>';
  document.body.append(el);
  return el;
}
const click = (target: Element) => target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
const pointer = (el: Element, type: 'mouseenter' | 'mouseleave') => el.dispatchEvent(new MouseEvent(type));

/** The Insights batches of a request: `[ { profile, events } ]`. */
const batches = (request: SentRequest) =>
  request.body as unknown as Array<{ profile: { id: string }; events: Array<Record<string, unknown>> }>;
const ok = () => okReply('ignored');

/** An instance whose profile is known (hydrated: no request), with a tracked variant. */
function tracked(options: Partial<NinetailedOptions> = {}, api = fetchDouble()) {
  const t = setup({ initialProfile: hydrated(), ...options }, api);
  const el = variant();
  observeElement(t.ninetailed, el, cta);
  return { ...t, el };
}
const pageHide = ({ document, window }: ReturnType<typeof setup>) => {
  document.visibilityState = 'hidden';
  window.dispatch('visibilitychange');
};

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  FakeObserver.all = [];
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  document.body.innerHTML = '';
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('Insights: views', () => {
  it('a view is told at the threshold, then with its whole duration (same viewId) on page hide, with keepalive', async () => {
    const t = tracked();
    show(t.el);
    vi.advanceTimersByTime(2000);
    vi.advanceTimersByTime(3500);
    await settle();
    // Fewer than 25 events and no profile change: nothing sent yet.
    expect(t.api.requests).toHaveLength(0);
    t.api.next(ok);
    pageHide(t);
    // Sent inside the event handler, while the page still runs.
    expect(t.api.requests).toHaveLength(1);
    const [request] = t.api.requests;
    expect(request!.url).toBe(INGEST);
    expect(request!.init).toMatchObject({
      method: 'POST',
      keepalive: true,
      headers: { 'Content-Type': 'text/plain' },
    });
    const [batch, ...more] = batches(request!);
    expect(more).toEqual([]);
    expect(batch!.profile).toEqual(profile('p1'));
    const at = (ms: number) => new Date(NOW + ms).toISOString();
    const event = (ms: number, viewDurationMs: number) => ({
      type: 'component',
      ...fields,
      viewId: expect.stringMatching(UUID_V4),
      viewDurationMs,
      channel: 'web',
      messageId: expect.stringMatching(UUID_V4),
      originalTimestamp: at(ms),
      timestamp: at(ms),
      sentAt: at(5500),
      context: expect.objectContaining({ gdpr: { isConsentGiven: true }, userAgent: 'test-agent/1.0' }),
    });
    expect(batch!.events).toEqual([event(2000, 2000), event(5500, 5500)]);
    expect(batch!.events[0]!.viewId).toBe(batch!.events[1]!.viewId);
    expect(batch!.events[0]!.messageId).not.toBe(batch!.events[1]!.messageId);
    // Accepted: a second hide sends nothing.
    await settle();
    t.window.dispatch('pagehide');
    await settle();
    expect(t.api.requests).toHaveLength(1);
  });

  it('leaving the viewport ends the view; coming back starts a new viewId; plugins still hear one view', async () => {
    const heard: ComponentView[] = [];
    const t = tracked({ plugins: [{ name: 'spy', onComponentView: (view) => void heard.push(view) }] });
    show(t.el);
    vi.advanceTimersByTime(2500);
    hide(t.el);
    show(t.el);
    vi.advanceTimersByTime(1000);
    hide(t.el); // under the threshold: not a view
    show(t.el);
    vi.advanceTimersByTime(2000);
    unobserveElement(t.ninetailed, t.el); // ends the view too
    t.api.next(ok);
    pageHide(t);
    const events = batches(t.api.requests[0]!)[0]!.events;
    expect(events.map((e) => e.viewDurationMs)).toEqual([2000, 2500, 2000, 2000]);
    expect(events[0]!.viewId).toBe(events[1]!.viewId);
    expect(events[2]!.viewId).toBe(events[3]!.viewId);
    expect(events[2]!.viewId).not.toBe(events[0]!.viewId);
    expect(heard.map((view) => view.viewId)).toEqual([events[0]!.viewId]);
  });

  it('a view in progress when the page is hidden ends there; visible again, a new view starts', async () => {
    const t = tracked();
    show(t.el);
    vi.advanceTimersByTime(3000);
    t.api.next(ok);
    pageHide(t);
    expect(batches(t.api.requests[0]!)[0]!.events.map((e) => e.viewDurationMs)).toEqual([2000, 3000]);
    await settle();
    t.document.visibilityState = 'visible';
    t.window.dispatch('visibilitychange');
    vi.advanceTimersByTime(2000);
    t.api.next(ok);
    pageHide(t);
    const second = batches(t.api.requests[1]!)[0]!.events;
    expect(second.map((e) => e.viewDurationMs)).toEqual([2000, 2000]);
    expect(second[0]!.viewId).not.toBe(batches(t.api.requests[0]!)[0]!.events[0]!.viewId);
  });
});

describe('Insights: clicks and hovers', () => {
  it('a click on something clickable inside the element is a component_click; other clicks are not', async () => {
    const t = tracked();
    click(t.el.querySelector('p')!);
    click(t.el.querySelector('button[disabled]')!);
    click(t.el.querySelector('button')!);
    t.api.next(ok);
    pageHide(t);
    expect(batches(t.api.requests[0]!)[0]!.events).toEqual([
      expect.objectContaining({
        type: 'component_click',
        ...fields,
        messageId: expect.stringMatching(UUID_V4),
      }),
    ]);
    expect(batches(t.api.requests[0]!)[0]!.events[0]).not.toHaveProperty('viewId');
  });

  it('a hover counts after componentHoverTrackingThreshold, then tells its whole duration (same hoverId)', async () => {
    const t = tracked({ componentHoverTrackingThreshold: 500 });
    pointer(t.el, 'mouseenter');
    vi.advanceTimersByTime(400);
    pointer(t.el, 'mouseleave'); // too short
    pointer(t.el, 'mouseenter');
    vi.advanceTimersByTime(1200);
    pointer(t.el, 'mouseleave');
    t.api.next(ok);
    pageHide(t);
    const events = batches(t.api.requests[0]!)[0]!.events;
    expect(events).toEqual([
      expect.objectContaining({ type: 'component_hover', ...fields, hoverDurationMs: 500 }),
      expect.objectContaining({ type: 'component_hover', ...fields, hoverDurationMs: 1200 }),
    ]);
    expect(events[0]!.hoverId).toMatch(UUID_V4);
    expect(events[1]!.hoverId).toBe(events[0]!.hoverId);
  });

  it('a bad componentHoverTrackingThreshold is reported naming the option, and 2000 is used', async () => {
    const t = tracked({ componentHoverTrackingThreshold: -1 });
    expect(t.onError).toHaveBeenCalledWith(
      expect.objectContaining({
        code: 'ERR_CONFIG',
        message: expect.stringContaining('componentHoverTrackingThreshold'),
      }),
    );
    pointer(t.el, 'mouseenter');
    vi.advanceTimersByTime(2000);
    t.api.next(ok);
    pageHide(t);
    expect(batches(t.api.requests[0]!)[0]!.events.map((e) => e.hoverDurationMs)).toEqual([2000, 2000]);
  });
});

describe('Insights: batching and delivery', () => {
  it('sends at 25 queued events, not before, without keepalive', async () => {
    const t = tracked();
    const button = t.el.querySelector('button')!;
    for (let i = 0; i < 24; i++) click(button);
    await settle();
    expect(t.api.requests).toHaveLength(0);
    t.api.next(ok);
    click(button);
    await settle();
    expect(t.api.requests).toHaveLength(1);
    expect(t.api.requests[0]!.init.keepalive).toBeUndefined();
    expect(batches(t.api.requests[0]!)[0]!.events).toHaveLength(25);
    // Accepted: the page hide has nothing left to send.
    pageHide(t);
    await settle();
    expect(t.api.requests).toHaveLength(1);
  });

  it('on a profile change, what was seen goes with the profile that saw it', async () => {
    const t = tracked();
    click(t.el.querySelector('button')!);
    t.api.ok('p2'); // the track call's answer: a new profile
    t.api.next(ok);
    await t.ninetailed.track('signup');
    await settle();
    expect(t.api.requests.map((r) => r.url)).toEqual([
      'https://experience.ninetailed.co/v2/organizations/demo/environments/main/profiles/p1',
      INGEST,
    ]);
    const [batch] = batches(t.api.requests[1]!);
    expect(batch!.profile.id).toBe('p1');
    expect(batch!.events.map((e) => e.type)).toEqual(['component_click']);
  });

  it('uses insightsUrl (trailing slash ignored) and URL-encodes the organisation', async () => {
    const t = tracked({ clientId: 'my org', insightsUrl: 'http://127.0.0.1:3030/' });
    click(t.el.querySelector('button')!);
    t.api.next(ok);
    pageHide(t);
    expect(t.api.requests[0]!.url).toBe(
      'http://127.0.0.1:3030/v1/organizations/my%20org/environments/main/events',
    );
  });

  it('a bad insightsUrl is reported naming the option; nothing is sent', async () => {
    const t = tracked({ insightsUrl: 'ftp://nope' });
    expect(t.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'ERR_CONFIG', message: expect.stringContaining('"insightsUrl"') }),
    );
    click(t.el.querySelector('button')!);
    pageHide(t);
    await settle();
  });

  it('a failed request keeps the events (reported); a 400 drops them (reported)', async () => {
    const t = tracked();
    const button = t.el.querySelector('button')!;
    click(button);
    t.api.next(() => {
      throw new TypeError('Failed to fetch');
    });
    pageHide(t);
    await settle();
    expect(t.onError).toHaveBeenLastCalledWith(expect.objectContaining({ code: 'ERR_NETWORK' }));
    t.api.next(() => ({ ok: false, status: 400, json: async () => ({}) }));
    t.window.dispatch('pagehide');
    await settle();
    expect(batches(t.api.requests[1]!)[0]!.events).toEqual(batches(t.api.requests[0]!)[0]!.events);
    expect(t.onError).toHaveBeenLastCalledWith(expect.objectContaining({ code: 'ERR_HTTP', status: 400 }));
    // Dropped: nothing left.
    t.window.dispatch('pagehide');
    await settle();
    expect(t.api.requests).toHaveLength(2);
  });

  it('the outbox survives a reload: the next page sends the events of the last one, same messageIds', async () => {
    const storage = memoryStorage();
    const first = tracked({ storage });
    click(first.el.querySelector('button')!);
    show(first.el);
    vi.advanceTimersByTime(2000);
    // The page goes away before any request gets through.
    first.api.next(() => {
      throw new TypeError('Failed to fetch');
    });
    pageHide(first);
    first.window.dispatch('pagehide');
    await settle();
    const lost = batches(first.api.requests[0]!)[0]!.events;
    expect(lost.map((e) => e.type)).toEqual(['component_click', 'component', 'component']);
    expect(Object.keys(JSON.parse(storage.getItem('__nt_insights__/demo/main')!))).toHaveLength(1);

    const api = fetchDouble();
    api.next(ok);
    // The next page: its tracking starts, the profile is known: the events leave.
    tracked({ storage }, api);
    await settle();
    expect(api.requests).toHaveLength(1);
    expect(batches(api.requests[0]!)[0]!.events.map((e) => e.messageId)).toEqual(
      lost.map((e) => e.messageId),
    );
    await settle();
    expect(storage.getItem('__nt_insights__/demo/main')).toBe('{}');
  });
});

describe('Insights: consent and opt-out', () => {
  it('consent required and not given: nothing is sent (25 events, page hide); given: they leave', async () => {
    const t = tracked({ consent: 'required' });
    const button = t.el.querySelector('button')!;
    for (let i = 0; i < 26; i++) click(button);
    pageHide(t);
    t.window.dispatch('pagehide');
    await settle();
    expect(t.api.requests).toHaveLength(0);
    t.ninetailed.consent(true);
    t.api.next(ok);
    t.document.visibilityState = 'visible';
    t.window.dispatch('visibilitychange');
    click(button); // 27 queued: they leave
    await settle();
    expect(batches(t.api.requests[0]!)[0]!.events).toHaveLength(27);
  });

  it("on page hide, one keepalive request within 16 KiB (the events' own take 48 of the 64 KiB); the rest waits", async () => {
    const t = tracked({ consent: 'required' });
    const button = t.el.querySelector('button')!;
    for (let i = 0; i < 40; i++) click(button);
    t.ninetailed.consent(true);
    t.api.next(ok);
    pageHide(t);
    expect(t.api.requests).toHaveLength(1);
    const first = batches(t.api.requests[0]!)[0]!.events;
    expect(first.length).toBeGreaterThan(5);
    expect(first.length).toBeLessThan(40);
    expect(t.api.requests[0]!.init.body.length).toBeLessThanOrEqual(16 * 1024);
    await settle();
    t.api.next(ok);
    t.window.dispatch('pagehide');
    expect(batches(t.api.requests[1]!)[0]!.events).toHaveLength(40 - first.length);
  });

  it('consent refused: nothing is collected, what was held is dropped', async () => {
    const storage = memoryStorage();
    const t = tracked({ consent: 'required', storage });
    click(t.el.querySelector('button')!);
    await settle();
    expect(storage.getItem('__nt_insights__/demo/main')).not.toBe('{}');
    t.ninetailed.consent(false);
    click(t.el.querySelector('button')!);
    await settle();
    expect(storage.getItem('__nt_insights__/demo/main')).toBe('{}');
    pageHide(t);
    await settle();
    t.ninetailed.consent(true);
    pageHide(t);
    await settle();
    // The fetch double fails the test on any request.
  });

  it('insights: false sends nothing to Insights (views still reach plugins)', async () => {
    const heard: ComponentView[] = [];
    const t = tracked({
      insights: false,
      plugins: [{ name: 'spy', onComponentView: (v) => void heard.push(v) }],
    });
    for (let i = 0; i < 30; i++) click(t.el.querySelector('button')!);
    show(t.el);
    vi.advanceTimersByTime(2000);
    pointer(t.el, 'mouseenter');
    vi.advanceTimersByTime(2000);
    pageHide(t);
    t.window.dispatch('pagehide');
    await settle();
    expect(heard).toHaveLength(1);
  });
});
