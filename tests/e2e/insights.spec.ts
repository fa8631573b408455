// Insights delivery of the core's built `dist/` in real Chromium: views, clicks and hovers of an
// element watched with `observeElement` reach an Insights ingest (a small recorder on 127.0.0.1
// that can refuse requests on cue; insightsReport.spec.ts drives the real endpoint), in v7's
// wire format, with the last view's duration delivered by the page-hide keepalive request, and
// events that could not be delivered are sent by the next page (the durable outbox).
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

const DIST = join(
  dirname(createRequire(import.meta.url).resolve('@ninetailed/experience.js/package.json')),
  'dist/',
);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const PROFILE = {
  id: 'p1',
  stableId: 'stable-p1',
  random: 0.5,
  audiences: ['news-readers'],
  traits: {},
  location: {},
  session: {
    id: 's1',
    isReturningVisitor: false,
    landingPage: { path: '/', url: 'http://x/', query: {}, referrer: '', search: '' },
    count: 1,
    activeSessionLength: 0,
    averageSessionLength: 0,
  },
};

/** The test page: the built core, a variant with a button, watched with `observeElement`. */
const page = (ingest: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>insights e2e</title><link rel="icon" href="data:," /></head>
<body style="margin:0">
  <div id="cta" style="width:300px;height:200px;margin:100px"><button id="buy">Buy</button><p id="text">Text</p></div>
  <script type="module">
    import { Ninetailed, observeElement } from '/dist/index.mjs';
    window.viewed = 0;
    window.errors = [];
    const nt = new Ninetailed({
      clientId: 'demo',
      url: ${JSON.stringify(ingest)},
      insightsUrl: ${JSON.stringify(ingest)},
      initialProfile: { profile: ${JSON.stringify(PROFILE)}, experiences: [], changes: [] },
      componentViewTrackingThreshold: 500,
      componentHoverTrackingThreshold: 300,
      onError: (error) => window.errors.push(error.code),
      plugins: [{ name: 'spy', onComponentView: () => void window.viewed++ }],
    });
    observeElement(nt, document.getElementById('cta'), {
      experienceId: 'cta-test', variantIndex: 1, componentId: 'cta-bold', componentType: 'Entry',
    });
    window.ready = true;
  </script>
</body></html>`;

interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HTTP recorder on 127.0.0.1: every request is kept; the answer status is `status`. */
async function startRecorder() {
  const requests: Recorded[] = [];
  const state = { status: 200 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'content-type');
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      requests.push({ method: req.method!, path: req.url!, headers: req.headers, body });
      res.writeHead(state.status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Serves the page and the core's `dist/` from another origin than the recorder's. */
async function startSite(html: string) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    const file = normalize(join(DIST, path.replace(/^\/dist\//, '')));
    if (!path.startsWith('/dist/') || !file.startsWith(DIST)) return void res.writeHead(404).end();
    try {
      const type = extname(file) === '.mjs' ? 'text/javascript' : 'application/json';
      res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const test = base.extend<{
  recorder: Awaited<ReturnType<typeof startRecorder>>;
  open: (tab?: Page) => Promise<Page>;
}>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  recorder: async ({}, use) => {
    const recorder = await startRecorder();
    await use(recorder);
    await recorder.close();
  },
  open: async ({ recorder, page: first }, use) => {
    const site = await startSite(page(recorder.url));
    await use(async (tab = first) => {
      await tab.goto(site.url);
      await tab.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
      return tab;
    });
    await site.close();
  },
});

/** Lets the page's own timers due within `ms` run (timers fire in order: no race). */
const pageWait = (tab: Page, ms: number) => tab.evaluate((ms) => new Promise((r) => setTimeout(r, ms)), ms);

type Body = Array<{ profile: unknown; events: Array<Record<string, unknown>> }>;
const FIELDS = { componentType: 'Entry', componentId: 'cta-bold', experienceId: 'cta-test', variantIndex: 1 };

test('a view, a click and a hover reach Insights in v7’s format; the page hide delivers the view’s duration', async ({
  open,
  recorder,
}) => {
  const tab = await open();
  // The element is in the viewport: its view counts after 500 ms.
  await tab.waitForFunction(() => (window as unknown as { viewed: number }).viewed === 1);
  // The pointer enters (the mouse starts at 0,0, outside): the hover counts after 300 ms.
  await tab.hover('#cta');
  await pageWait(tab, 400);
  await tab.click('#text'); // not clickable: no event
  await tab.click('#buy');
  await tab.mouse.move(0, 0); // leaves: the hover's whole duration
  await pageWait(tab, 0);
  expect(recorder.requests).toEqual([]); // under 25 events, no profile change: nothing yet
  await tab.close({ runBeforeUnload: true });
  await expect.poll(() => recorder.requests.length).toBe(1);

  const [request] = recorder.requests;
  expect(request!.method).toBe('POST');
  expect(request!.path).toBe('/v1/organizations/demo/environments/main/events');
  expect(request!.headers['content-type']).toBe('text/plain');
  const body = JSON.parse(request!.body) as Body;
  expect(body).toHaveLength(1);
  expect(body[0]!.profile).toEqual(PROFILE);
  const events = body[0]!.events;
  expect(events.map((e) => [e.type, e.viewDurationMs ?? e.hoverDurationMs])).toEqual([
    ['component', 500],
    ['component_hover', 300],
    ['component_click', undefined],
    ['component_hover', expect.any(Number)],
    ['component', expect.any(Number)],
  ]);
  for (const event of events) {
    expect(Object.keys(event).sort()).toEqual(
      [
        ...Object.keys(FIELDS),
        'type',
        'channel',
        'messageId',
        'originalTimestamp',
        'timestamp',
        'sentAt',
        'context',
        ...(event.type === 'component' ? ['viewId', 'viewDurationMs'] : []),
        ...(event.type === 'component_hover' ? ['hoverId', 'hoverDurationMs'] : []),
      ].sort(),
    );
    expect(event).toMatchObject({ ...FIELDS, channel: 'web', messageId: expect.stringMatching(UUID) });
    for (const key of ['originalTimestamp', 'timestamp', 'sentAt']) expect(event[key]).toMatch(ISO);
    expect(event.context).toMatchObject({
      gdpr: { isConsentGiven: true },
      library: { name: '@ninetailed/experience.js' },
      page: { path: '/' },
    });
  }
  const [view, hover, , hoverEnd, viewEnd] = events;
  expect(view!.viewId).toMatch(UUID);
  expect(viewEnd!.viewId).toBe(view!.viewId);
  expect(viewEnd!.viewDurationMs as number).toBeGreaterThan(500);
  expect(hover!.hoverId).toMatch(UUID);
  expect(hoverEnd!.hoverId).toBe(hover!.hoverId);
  expect(hoverEnd!.hoverDurationMs as number).toBeGreaterThanOrEqual(400);
  expect(new Set(events.map((e) => e.messageId)).size).toBe(5);
});

test('events the ingest refused with a 503 are sent by the next page, same messageIds (the durable outbox)', async ({
  open,
  recorder,
  context,
}) => {
  recorder.state.status = 503;
  const first = await open();
  await first.waitForFunction(() => (window as unknown as { viewed: number }).viewed === 1);
  await first.click('#buy');
  await first.close({ runBeforeUnload: true });
  await expect.poll(() => recorder.requests.length).toBe(1);
  const lost = (JSON.parse(recorder.requests[0]!.body) as Body)[0]!.events;
  expect(lost.map((e) => e.type)).toEqual(['component', 'component_click', 'component']);

  recorder.state.status = 200;
  // The next page of this visitor: the tracking starts, the profile is known, the events leave.
  await open(await context.newPage());
  await expect.poll(() => recorder.requests.length).toBe(2);
  const again = (JSON.parse(recorder.requests[1]!.body) as Body)[0]!.events;
  expect(again.map((e) => e.messageId)).toEqual(lost.map((e) => e.messageId));
});
