/**
 * Insights ingest (issue 13): `POST /v1/organizations/{org}/environments/{env}/events` as v7's
 * Insights plugin sends it, over real HTTP on 127.0.0.1 with a real database, and v7's plugin
 * from npm (`ninetailed-v7-insights`) working against it unchanged.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { events, request, startTestServer, type TestServer } from './helpers';

const require = createRequire(import.meta.url);

type Fields = Record<string, unknown>;

function ingestUrl(api: TestServer, org = 'demo', env = 'main'): string {
  return `${api.url}/v1/organizations/${org}/environments/${env}/events`;
}

function postIngest(api: TestServer, body: unknown, contentType = 'application/json') {
  return request(ingestUrl(api), {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const view = (fields: Fields = {}) =>
  events.component({
    componentId: 'cta-bold',
    experienceId: 'cta-test',
    variantIndex: 1,
    viewDurationMs: 0,
    viewId: randomUUID(),
    ...fields,
  });

async function createProfile(api: TestServer) {
  const created = await api.post('/profiles', { events: [events.page('/')] });
  expect(created.status).toBe(200);
  return created.body.data.profile as { id: string; stableId: string; audiences: string[] };
}

async function report(api: TestServer, metric = 'signup') {
  const answer = await api.get(`/insights/experiences?metric=${metric}`);
  expect(answer.status).toBe(200);
  return answer.body.data;
}

describe('Insights ingest', () => {
  it('stores views per variant, counts a viewId once while its duration grows, and is idempotent by messageId', async () => {
    const api = await startTestServer();
    const profile = await createProfile(api);
    const first = view({ viewDurationMs: 0 });
    const body = [{ profile, events: [first, view({ viewId: first.viewId, viewDurationMs: 5400 })] }];
    const answer = await postIngest(api, body);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { accepted: 2, duplicates: 0 }, message: 'ok', error: null });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    // A retry of the same body (a lost answer) changes nothing.
    const retry = await postIngest(api, JSON.stringify(body), 'text/plain');
    expect(retry.body.data).toEqual({ accepted: 0, duplicates: 2 });

    await api.post(`/profiles/${profile.id}`, { events: [events.track('signup')] });
    const cta = (await report(api)).experiences.find(
      (e: { experienceId: string }) => e.experienceId === 'cta-test',
    );
    expect(cta.variants.map((v: Fields) => [v.viewers, v.conversions])).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('a track event before the first view is no conversion', async () => {
    const api = await startTestServer();
    const profile = await createProfile(api);
    await api.post(`/profiles/${profile.id}`, { events: [events.track('signup')] });
    api.clock.now += 1000;
    await postIngest(api, [{ profile, events: [view()] }]);
    const cta = (await report(api)).experiences.find(
      (e: { experienceId: string }) => e.experienceId === 'cta-test',
    );
    expect(cta.variants[1]).toMatchObject({ viewers: 1, conversions: 0, conversionRate: 0 });
  });

  it('answers 400 naming the bad field, with the error envelope', async () => {
    const api = await startTestServer();
    const profile = await createProfile(api);
    const cases: [unknown, string][] = [
      [{ profile, events: [] }, 'body: must be a JSON array'],
      [[{ events: [view()] }], '[0].profile: must be the profile object'],
      [[{ profile: { id: '' }, events: [view()] }], '[0].profile.id: must be a profile id'],
      [
        [{ profile, events: [view(), { ...view(), componentId: 7 }] }],
        '[0].events[1].componentId: must be a string',
      ],
      [[{ profile, events: [{ ...view(), type: 'page' }] }], '[0].events[0].type: unknown event type "page"'],
      [[{ profile, events: [{ ...view(), messageId: undefined }] }], '[0].events[0].messageId: is required'],
      [
        [{ profile, events: [{ ...view(), variantIndex: -1 }] }],
        '[0].events[0].variantIndex: must be a non-negative integer',
      ],
      [
        [{ profile, events: [{ ...view(), type: 'component_hover', hoverDurationMs: 'long' }] }],
        '[0].events[0].hoverDurationMs: must be a non-negative number',
      ],
    ];
    for (const [body, message] of cases) {
      const answer = await postIngest(api, body);
      expect(answer.status, message).toBe(400);
      expect(answer.body.error).toEqual({ code: 'ERR_INVALID_DATA' });
      expect(answer.body.message).toContain(message);
    }
    const unknownOrg = await request(ingestUrl(api, 'nope'), { method: 'POST', body: '[]' });
    expect(unknownOrg.status).toBe(404);
    expect(unknownOrg.body.error).toEqual({ code: 'ERR_CONFIG_NOT_FOUND' });
  });

  it('has the other endpoints\u2019 body limit and CORS preflight', async () => {
    const api = await startTestServer({ bodyLimit: 2048 });
    const profile = await createProfile(api);
    const big = await postIngest(api, [{ profile, events: Array.from({ length: 20 }, () => view()) }]);
    expect(big.status).toBe(413);
    expect(big.body.error).toEqual({ code: 'ERR_PAYLOAD_TOO_LARGE' });
    const preflight = await fetch(ingestUrl(api), {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('puts a personalization\u2019s audience members outside the traffic share who saw the baseline in the holdout', async () => {
    const { loadConfig } = await import('../src/config/config');
    const { DEFAULT_CONFIG_FILE } = await import('../src/defaultConfigFile');
    const { experienceRandom } = await import('../src/domain/experiences/experienceRandom');
    const config = loadConfig(DEFAULT_CONFIG_FILE);
    const main = config.organizations.demo?.environments.main;
    const hero = main?.experiences?.find((e) => e.id === 'news-hero');
    if (!hero) throw new Error('the demo config has no news-hero');
    hero.trafficAllocation = 0.5;
    const api = await startTestServer({ config });
    const inside: string[] = [];
    const outside: string[] = [];
    for (let i = 0; i < 12; i++) {
      const profile = await createProfile(api);
      const share = experienceRandom('traffic', 'news-hero', profile.stableId) < 0.5;
      (share ? inside : outside).push(profile.id);
      const audiences = ['news-readers'];
      const seen = { componentId: 'hero-default', experienceId: 'news-hero', variantIndex: share ? 1 : 0 };
      await postIngest(api, [{ profile: { ...profile, audiences }, events: [view(seen)] }]);
    }
    expect(inside.length).toBeGreaterThan(0);
    expect(outside.length).toBeGreaterThan(0);
    const hr = (await report(api)).experiences.find(
      (e: { experienceId: string }) => e.experienceId === 'news-hero',
    );
    expect(hr.control).toBe('holdout');
    expect(hr.holdout.viewers).toBe(outside.length);
    expect(hr.variants[1].viewers).toBe(inside.length);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: the v7 packages are untyped from here (CJS via require)
type Untyped = any;

describe('v7 Insights plugin from npm against the local server', () => {
  it('sends its batches (fetch, and sendBeacon on page hide) and the report counts them', async () => {
    const api = await startTestServer();
    vi.stubGlobal('window', {});
    const v7: Untyped = require('ninetailed-v7');
    const insights: Untyped = require('ninetailed-v7-insights');
    const beacons: Promise<Response>[] = [];
    // Node has no sendBeacon: this one posts the Blob as a browser would (text/plain, no preflight).
    vi.stubGlobal('navigator', {
      sendBeacon: (url: string, data: Blob) => {
        beacons.push(
          data
            .text()
            .then((body) => fetch(url, { method: 'POST', body, headers: { 'Content-Type': data.type } })),
        );
        return true;
      },
    });
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const items = new Map<string, unknown>();
    const plugin = new insights.NinetailedInsightsPlugin({ url: api.url });
    const ninetailed = new v7.Ninetailed(
      { clientId: 'demo', environment: 'main' },
      {
        url: api.url,
        plugins: [plugin],
        storageImpl: {
          getItem: (key: string) => items.get(key),
          setItem: (key: string, value: unknown) => void items.set(key, value),
          removeItem: (key: string) => void items.delete(key),
        },
        buildClientContext: () => ({
          url: 'http://localhost:4310/',
          referrer: '',
          locale: 'en-US',
          userAgent: 'vitest',
          document: { title: 'T' },
        }),
      },
    );
    await ninetailed.page();
    const experience = { id: 'cta-test', type: 'nt_experiment', sticky: true, trafficAllocation: 1 };
    const seen = (variantIndex: number, viewDurationMs: number, viewId: string, element: object) =>
      ninetailed.trackComponentView({
        element,
        experience: { ...experience, components: [], distribution: [] },
        variant: { id: variantIndex === 0 ? 'cta-default' : 'cta-bold' },
        variantIndex,
        componentType: 'Entry',
        viewDurationMs,
        viewId,
      });
    const element = {};
    await seen(1, 2000, 'view-1', element);
    await seen(1, 6500, 'view-1', element);
    // A profile change flushes the queue with fetch.
    await ninetailed.track('signup');
    await vi.waitFor(() => {
      const sent = fetchSpy.mock.calls.filter(([url]) => String(url).includes('/v1/organizations/demo/'));
      expect(sent).toHaveLength(1);
    });
    const insightsCall =
      fetchSpy.mock.results[fetchSpy.mock.calls.findIndex(([url]) => String(url).includes('/v1/'))];
    expect((await insightsCall?.value)?.status).toBe(200);

    // A second view, sent with sendBeacon on page hide.
    await seen(1, 2000, 'view-2', {});
    // What v7 calls on its plugins when the page is hidden (node has no visibilitychange); the
    // view reaches the plugin's queue asynchronously, so ask again until the beacon goes.
    await vi.waitFor(() => {
      plugin[v7.PAGE_HIDDEN]();
      expect(beacons.length).toBeGreaterThan(0);
    });
    const beacon = await beacons[0];
    expect(beacon?.status).toBe(200);

    const cta = (await report(api)).experiences.find(
      (e: { experienceId: string }) => e.experienceId === 'cta-test',
    );
    expect(cta.variants[1]).toMatchObject({ viewers: 1, conversions: 1 });
    vi.unstubAllGlobals();
  });
});
