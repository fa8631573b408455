// @vitest-environment jsdom
// Our Insights requests against v7's (the Insights plugin 7.26.0 and v7's event builder, run here,
// not copied): same URL, same body shape, every field v7 sends with the same value or type. A
// server that accepts v7's requests accepts ours.
import { createRequire } from 'node:module';
import { NinetailedInsightsApiClient } from 'v7-insights';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { observeElement } from '../../src/index';
import { fetchDouble, NOW, okReply, profile, setup } from '../helpers';

const require = createRequire(import.meta.url);
// v7's core as its Insights plugin resolves it (our workspace owns the unaliased name).
const v7 = createRequire(require.resolve('v7-insights'))('@ninetailed/experience.js') as {
  EventBuilder: new (
    context: () => unknown,
  ) => {
    component(...args: unknown[]): Record<string, unknown>;
    componentClick(...args: unknown[]): Record<string, unknown>;
    componentHover(...args: unknown[]): Record<string, unknown>;
  };
};

class FakeObserver {
  static all: FakeObserver[] = [];
  constructor(readonly callback: (entries: Array<{ target: object; isIntersecting: boolean }>) => void) {
    FakeObserver.all.push(this);
  }
  observe() {}
  unobserve() {}
  disconnect() {}
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  FakeObserver.all = [];
  vi.stubGlobal('IntersectionObserver', FakeObserver);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

type Body = Array<{ profile: Record<string, unknown>; events: Array<Record<string, unknown>> }>;

/** What v7's Insights client sends for a view, a click and a hover of `cta-bold`. */
async function v7Request() {
  const sent: Array<{ url: string; init: RequestInit }> = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return new Response('{}', { status: 200 });
  });
  const build = new v7.EventBuilder(() => ({
    url: 'https://a.example/blog/post?x=1',
    referrer: 'https://ref.example/',
    locale: 'de-DE',
    userAgent: 'test-agent/1.0',
    document: { title: 'Post' },
  }));
  const events = [
    build.component('cta-bold', 'Entry', 'cta-test', 1, 2000, 'view-1'),
    build.componentClick('cta-bold', 'Entry', 'cta-test', 1),
    build.componentHover('cta-bold', 'Entry', 2000, 'hover-1', 'cta-test', 1),
  ];
  const client = new NinetailedInsightsApiClient({
    clientId: 'demo',
    environment: 'main',
    url: 'http://127.0.0.1:3030',
  });
  await client.sendEventBatches([{ profile: profile('p1') as never, events: events as never }]);
  vi.unstubAllGlobals();
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  expect(sent).toHaveLength(1);
  return { url: sent[0]!.url, init: sent[0]!.init, body: JSON.parse(sent[0]!.init.body as string) as Body };
}

/** What we send for the same view, click and hover. */
function ourRequest() {
  const api = fetchDouble();
  const t = setup(
    {
      insightsUrl: 'http://127.0.0.1:3030',
      initialProfile: { profile: profile('p1'), experiences: [], changes: [] },
      componentHoverTrackingThreshold: 2000,
    },
    api,
  );
  const el = document.createElement('div');
  el.innerHTML = '<button>Buy</button>';
  observeElement(t.ninetailed, el, {
    experienceId: 'cta-test',
    variantIndex: 1,
    componentId: 'cta-bold',
    componentType: 'Entry',
  });
  for (const observer of FakeObserver.all) observer.callback([{ target: el, isIntersecting: true }]);
  vi.advanceTimersByTime(2000);
  el.querySelector('button')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  el.dispatchEvent(new MouseEvent('mouseenter'));
  vi.advanceTimersByTime(2000);
  api.next(() => okReply('ignored'));
  t.document.visibilityState = 'hidden';
  t.window.dispatch('visibilitychange');
  const [request] = api.requests;
  return { url: request!.url, body: request!.body as unknown as Body };
}

it('sends what v7 sends: same URL, [ { profile, events } ], each event with every field v7 sets', async () => {
  const theirs = await v7Request();
  const ours = ourRequest();
  expect(ours.url).toBe(theirs.url);
  expect(theirs.init.method).toBe('POST');
  expect(ours.body).toHaveLength(theirs.body.length);
  expect(ours.body[0]!.profile).toEqual(theirs.body[0]!.profile);
  // Ours: view (threshold), click, hover (threshold), then the view and hover ending on page hide.
  const byType = (body: Body, type: string) => body[0]!.events.find((event) => event.type === type)!;
  for (const type of ['component', 'component_click', 'component_hover']) {
    const mine = byType(ours.body, type);
    const v7Event = byType(theirs.body, type);
    expect(mine, type).toBeDefined();
    for (const [key, value] of Object.entries(v7Event)) {
      expect(mine, `${type}.${key}`).toHaveProperty(key);
      if (['messageId', 'viewId', 'hoverId'].includes(key)) expect(typeof mine[key]).toBe('string');
      else if (/(imestamp|sentAt)$/.test(key)) expect(mine[key]).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
      else if (key === 'context') {
        const context = value as Record<string, unknown>;
        const myContext = mine.context as Record<string, unknown>;
        for (const field of Object.keys(context))
          expect(myContext, `${type}.context.${field}`).toHaveProperty(field);
        expect(myContext.gdpr).toEqual(context.gdpr);
        expect(myContext.page).toMatchObject({ url: (context.page as { url: string }).url });
      } else expect(mine[key], `${type}.${key}`).toEqual(value);
    }
  }
});
