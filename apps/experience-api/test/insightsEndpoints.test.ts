/**
 * The Insights report endpoints (issue 13) over real HTTP on both stores: seeded views (the
 * ingest endpoint) and track events (the profile endpoint) over several days, and every answer
 * checked against the pure report functions on the facts the test itself sent.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { prng } from '../scripts/prng.mjs';
import { loadConfig } from '../src/config/config';
import { DEFAULT_CONFIG_FILE } from '../src/defaultConfigFile';
import { buildAudienceReport } from '../src/domain/insights/audienceReport';
import { buildReportFromFacts } from '../src/domain/insights/buildReport';
import { dailySeries } from '../src/domain/insights/dailySeries';
import type { ExperienceRef, ProfileFacts, TrackFact, ViewFact } from '../src/domain/insights/facts';
import { events, request, startTestServer, type TestServer } from './helpers';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

const EXPERIENCES: ExperienceRef[] = [
  { id: 'news-hero', type: 'nt_personalization', variantCount: 2 },
  { id: 'cta-test', type: 'nt_experiment', variantCount: 2 },
];

interface Seeded {
  api: TestServer;
  facts: ProfileFacts[];
}

/** 30 profiles over 4 days: views of both experiences, signups and add_to_cart at random times. */
async function seed(api: TestServer): Promise<Seeded> {
  const random = prng(13);
  const facts: ProfileFacts[] = [];
  for (let i = 0; i < 30; i++) {
    api.clock.now = START + Math.floor(random() * 4 * DAY);
    const created = await api.post('/profiles', { events: [events.page('/')] });
    const profile = created.body.data.profile;
    const audiences = random() < 0.5 ? ['news-readers'] : [];
    const views: ViewFact[] = [];
    const tracks: TrackFact[] = [];
    const steps = 1 + Math.floor(random() * 4);
    for (let s = 0; s < steps; s++) {
      api.clock.now += Math.floor(random() * 20 * 3_600_000);
      const pick = random();
      if (pick < 0.6) {
        const experienceId = random() < 0.5 ? 'cta-test' : 'news-hero';
        const variantIndex = random() < 0.5 ? 0 : 1;
        const componentId = `${experienceId}-${variantIndex}`;
        const view = events.component({ componentId, experienceId, variantIndex, viewId: randomUUID() });
        const answer = await request(`${api.url}/v1/organizations/demo/environments/main/events`, {
          method: 'POST',
          body: JSON.stringify([{ profile: { ...profile, audiences }, events: [view] }]),
        });
        expect(answer.status).toBe(200);
        views.push({ experienceId, variantIndex, componentId, at: api.clock.now });
      } else {
        const event = pick < 0.85 ? 'signup' : 'add_to_cart';
        expect((await api.post(`/profiles/${profile.id}`, { events: [events.track(event)] })).status).toBe(
          200,
        );
        tracks.push({ event, at: api.clock.now });
      }
    }
    facts.push({ profileId: profile.id, views, tracks, audiences });
  }
  return { api, facts };
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('Insights reports', () => {
  it('GET …/insights/experiences equals buildReport on the same facts, with and without a daily series', async () => {
    const { api, facts } = await seed(await startTestServer());
    const periods = [
      { from: START, to: START + 6 * DAY },
      { from: START + 2 * DAY, to: START + 4 * DAY },
    ];
    for (const period of periods) {
      for (const metric of ['signup', 'add_to_cart']) {
        const query = `metric=${metric}&from=${iso(period.from)}&to=${iso(period.to)}`;
        const answer = await api.get(`/insights/experiences?${query}`);
        expect(answer.status).toBe(200);
        const expected = buildReportFromFacts(facts, {
          metric: { id: metric, event: metric },
          period,
          experiences: EXPERIENCES,
        });
        expect(answer.body).toEqual({ data: expected, message: 'ok', error: null });

        const withSeries = (await api.get(`/insights/experiences?${query}&series=daily`)).body.data;
        const daily = dailySeries(facts, EXPERIENCES, metric, period);
        expect(withSeries.experiences.map((e: { daily: unknown }) => e.daily)).toEqual(
          daily.map((s) => s.daily),
        );
      }
    }
    // The data are not trivial: someone saw and converted.
    const full = (
      await api.get(`/insights/experiences?metric=signup&from=${iso(START)}&to=${iso(START + 6 * DAY)}`)
    ).body.data;
    const arms = full.experiences.flatMap((e: { variants: unknown[]; holdout: unknown }) => e.variants);
    expect(arms.some((arm: { conversions: number }) => arm.conversions > 0)).toBe(true);

    // Default period: the 30 UTC days up to the end of today.
    api.clock.now = START + 5 * DAY + 3_600_000;
    const defaults = (await api.get('/insights/experiences?metric=signup')).body.data;
    expect(defaults.to).toBe(iso(START + 6 * DAY));
    expect(defaults.from).toBe(iso(START + 6 * DAY - 30 * DAY));
  });

  it('GET …/insights/audiences equals buildAudienceReport; …/insights/metrics lists the track events', async () => {
    // Without configured metrics every track event name is one.
    const config = loadConfig(DEFAULT_CONFIG_FILE);
    const main = config.organizations.demo?.environments.main;
    if (main) delete main.metrics;
    const { api, facts } = await seed(await startTestServer({ config }));
    const period = { from: START, to: START + 6 * DAY };
    const answer = await api.get(`/insights/audiences?from=${iso(period.from)}&to=${iso(period.to)}`);
    expect(answer.status).toBe(200);
    const ids = config.organizations.demo?.environments.main?.audiences.map((a) => a.id) ?? [];
    // Insights knows the profiles it received batches for.
    const seen = facts.filter((f) => f.views.length > 0);
    expect(answer.body.data).toEqual(buildAudienceReport(seen, ids, period));
    expect(
      answer.body.data.audiences.find((a: { audienceId: string }) => a.audienceId === 'news-readers')
        .profiles,
    ).toBeGreaterThan(0);

    const metrics = await api.get('/insights/metrics');
    expect(metrics.body.data).toEqual({
      metrics: [
        { id: 'add_to_cart', name: 'add_to_cart', event: 'add_to_cart' },
        { id: 'signup', name: 'signup', event: 'signup' },
      ],
    });
  });

  it('dates views and tracks by their own time: a view held in the SDK queue still precedes the signup sent before it', async () => {
    const api = await startTestServer();
    api.clock.now = START + 3_600_000;
    const { profile } = (await api.post('/profiles', { events: [events.page('/')] })).body.data;
    const device = (ms: number) => new Date(ms - 7_200_000).toISOString(); // the device clock is 2 h behind
    const stamps = (called: number, sent: number) => ({
      originalTimestamp: device(called),
      timestamp: device(called),
      sentAt: device(sent),
    });
    const t = START + 3_600_000;
    // The signup (made at t + 5 s) reaches the API at once; the view (seen at t + 2 s) waits in
    // the SDK's queue and arrives at t + 9 s.
    api.clock.now = t + 5_000;
    const signup = { ...events.track('signup'), ...stamps(t + 5_000, t + 5_000) };
    expect((await api.post(`/profiles/${profile.id}`, { events: [signup] })).status).toBe(200);
    api.clock.now = t + 9_000;
    const held = events.component({
      componentId: 'cta-test-1',
      experienceId: 'cta-test',
      variantIndex: 1,
      viewId: randomUUID(),
    });
    // A view of the other experience seen after the signup: no conversion there.
    const later = events.component({
      componentId: 'hero-news',
      experienceId: 'news-hero',
      variantIndex: 1,
      viewId: randomUUID(),
    });
    const ingest = await request(`${api.url}/v1/organizations/demo/environments/main/events`, {
      method: 'POST',
      body: JSON.stringify([
        {
          profile: { ...profile, audiences: [] },
          events: [
            { ...held, ...stamps(t + 2_000, t + 9_000) },
            { ...later, ...stamps(t + 8_000, t + 9_000) },
          ],
        },
      ]),
    });
    expect(ingest.status).toBe(200);
    const report = (
      await api.get(`/insights/experiences?metric=signup&from=${iso(START)}&to=${iso(START + DAY)}`)
    ).body.data;
    const arm = (experienceId: string, variantIndex: number) =>
      report.experiences
        .find((e: { experienceId: string }) => e.experienceId === experienceId)
        ?.variants.find((v: { variantIndex: number }) => v.variantIndex === variantIndex);
    expect(arm('cta-test', 1)).toMatchObject({ viewers: 1, conversions: 1 });
    expect(arm('news-hero', 1)).toMatchObject({ viewers: 1, conversions: 0 });
  });

  it('lists and counts a track event whose name holds a backslash and a NUL (stored through the key codec)', async () => {
    const config = loadConfig(DEFAULT_CONFIG_FILE);
    const main = config.organizations.demo?.environments.main;
    if (main) delete main.metrics;
    const api = await startTestServer({ config });
    const name = 'odd\\name\u0000é';
    const created = await api.post('/profiles', { events: [events.track(name), events.track('plain')] });
    expect(created.status).toBe(200);
    const metrics = await api.get('/insights/metrics');
    expect(metrics.body.data.metrics.map((m: { event: string }) => m.event)).toEqual([name, 'plain'].sort());
  });

  it('configured metrics: the list, a metric id mapped to its event, unknown ids refused', async () => {
    const config = loadConfig(DEFAULT_CONFIG_FILE);
    const main = config.organizations.demo?.environments.main;
    if (!main) throw new Error('the demo config has no demo/main');
    main.metrics = [{ id: 'signed-up', name: 'Signed up', event: 'signup' }];
    const { api, facts } = await seed(await startTestServer({ config }));
    expect((await api.get('/insights/metrics')).body.data).toEqual({
      metrics: [{ id: 'signed-up', name: 'Signed up', event: 'signup' }],
    });
    const period = { from: START, to: START + 6 * DAY };
    const answer = await api.get(
      `/insights/experiences?metric=signed-up&from=${iso(period.from)}&to=${iso(period.to)}`,
    );
    expect(answer.body.data).toEqual(
      buildReportFromFacts(facts, {
        metric: { id: 'signed-up', event: 'signup' },
        period,
        experiences: EXPERIENCES,
      }),
    );
    const unknown = await api.get('/insights/experiences?metric=signup');
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('metric: unknown metric "signup" (configured: signed-up)');
  });

  it('answers 400 naming the bad parameter', async () => {
    const api = await startTestServer();
    const cases: [string, string][] = [
      ['', 'metric: query parameter is required'],
      ['metric=signup&from=yesterday', 'from: must be an ISO 8601 date-time'],
      ['metric=signup&to=2026-02-30T00:00:00Z', 'to: must be an ISO 8601 date-time'],
      ['metric=signup&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 'from: must be before to'],
      ['metric=signup&series=hourly', 'series: unknown series "hourly"'],
      [
        'metric=signup&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&series=daily',
        'from: a daily series spans at most 400 days',
      ],
    ];
    for (const [query, message] of cases) {
      const answer = await api.get(`/insights/experiences?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error).toEqual({ code: 'ERR_INVALID_DATA' });
      expect(answer.body.message).toContain(message);
    }
    const audiences = await api.get('/insights/audiences?to=soon');
    expect(audiences.status).toBe(400);
    expect(audiences.body.message).toContain('to: must be an ISO 8601 date-time');
  });
});
