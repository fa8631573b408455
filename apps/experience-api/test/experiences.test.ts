/**
 * Experiences over HTTP (section 8): selection on every profile endpoint, the audience gate,
 * sticky experiences kept by component events (through audience changes and merges), and
 * component events validated and applied once.
 */
import { describe, expect, it } from 'vitest';
import type { ExperienceConfig } from '../src/config/config';
import { demoCtaTest, demoNewsHero, oracleRandom } from './experienceOracle';
import { events, inspect, startTestServer } from './helpers';

const news = () => events.page('/news/1', { category: 'news' });

/** Red fans: a sticky 50/50 offer and a non-sticky banner, both only for them. */
const redConfig: ExperienceConfig = {
  organizations: {
    demo: {
      environments: {
        main: {
          audiences: [{ id: 'red-fans', rule: { trait: { key: 'favoriteColor', eq: 'red' } } }],
          experiences: [
            {
              id: 'red-offer',
              type: 'nt_experiment',
              audience: { id: 'red-fans' },
              trafficAllocation: 1,
              distribution: [
                { index: 0, start: 0, end: 0.5 },
                { index: 1, start: 0.5, end: 1 },
              ],
              sticky: true,
              components: [
                {
                  type: 'EntryReplacement',
                  baseline: { id: 'offer-a' },
                  variants: [{ id: 'offer-b', hidden: false }],
                },
              ],
            },
            {
              id: 'red-banner',
              type: 'nt_personalization',
              audience: { id: 'red-fans' },
              trafficAllocation: 1,
              distribution: [
                { index: 0, start: 0, end: 0 },
                { index: 1, start: 0, end: 1 },
              ],
              components: [
                {
                  type: 'InlineVariable',
                  key: 'banner',
                  valueType: 'Object',
                  baseline: { value: { text: 'Hello' } },
                  variants: [{ value: { text: 'Hello, red fan' } }],
                },
              ],
            },
          ],
        },
      },
    },
  },
};

const offerIndex = (stableId: string) => (oracleRandom('distribution', 'red-offer', stableId) <= 0.5 ? 0 : 1);
const offer = (variantIndex: number) => ({
  experienceId: 'red-offer',
  variantIndex,
  variants: { 'offer-a': variantIndex === 0 ? 'offer-a' : 'offer-b' },
  sticky: true,
});
const banner = {
  experienceId: 'red-banner',
  variantIndex: 1,
  variants: {},
  sticky: false,
};
const bannerChange = {
  type: 'Variable',
  key: 'banner',
  value: { text: 'Hello, red fan' },
  meta: { experienceId: 'red-banner', variantIndex: 1 },
};
const seen = (variantIndex: number, fields: Record<string, unknown> = {}) =>
  events.component({
    componentType: 'Entry',
    componentId: variantIndex === 0 ? 'offer-a' : 'offer-b',
    experienceId: 'red-offer',
    variantIndex,
    ...fields,
  });

describe('experiences on the profile endpoints (demo configuration)', () => {
  it('create, update, read and preflight answer the experiences entered and their changes; news-hero after 3 news pages', async () => {
    const api = await startTestServer();
    const created = await api.post('/profiles', { events: [news(), news()] });
    const { profile } = created.body.data;
    const cta = demoCtaTest(profile.stableId);
    expect(created.body.data).toEqual({ profile, experiences: [cta.experience], changes: [cta.change] });

    // A preflight with the third news page shows what the answer would be, and persists nothing.
    const preflight = await api.post(`/profiles/${profile.id}?type=preflight`, { events: [news()] });
    expect(preflight.body.data.profile.audiences).toEqual(['news-readers']);
    expect(preflight.body.data.experiences).toEqual([demoNewsHero, cta.experience]);
    expect((await api.get(`/profiles/${profile.id}`)).body.data.experiences).toEqual([cta.experience]);

    const updated = await api.post(`/profiles/${profile.id}`, { events: [news()] });
    expect(updated.body.data.profile.audiences).toEqual(['news-readers']);
    expect(updated.body.data.experiences).toEqual([demoNewsHero, cta.experience]);
    expect(updated.body.data.changes).toEqual([cta.change]);

    const read = await api.get(`/profiles/${profile.id}`);
    expect(read.body.data).toEqual(updated.body.data);

    // A create as preflight answers experiences too.
    const fresh = await api.post('/profiles?type=preflight', { events: [news(), news(), news()] });
    const freshCta = demoCtaTest(fresh.body.data.profile.stableId);
    expect(fresh.body.data.experiences).toEqual([demoNewsHero, freshCta.experience]);
    expect(fresh.body.data.changes).toEqual([freshCta.change]);
  });

  it('the same visitor gets the same variant on every answer, and visitors split', async () => {
    const api = await startTestServer();
    const indexes = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const created = (await api.post('/profiles', { events: [events.page('/')] })).body.data;
      const again = (await api.post(`/profiles/${created.profile.id}`, { events: [events.track('x')] })).body
        .data;
      expect(again.experiences).toEqual(created.experiences);
      indexes.add(created.experiences[0].variantIndex);
    }
    // 12 visitors all on one side of a 50/50 split: probability 2^-11 for random ids.
    expect([...indexes].sort()).toEqual([0, 1]);
  });

  it('the batch endpoint answers profiles only', async () => {
    const api = await startTestServer();
    const answer = await api.post('/events', { events: [{ ...news(), anonymousId: 'srv-1' }] });
    expect(Object.keys(answer.body.data)).toEqual(['profiles']);
  });
});

describe('sticky experiences', () => {
  it('keep the variant a component event recorded after the audience is lost; a non-sticky one and an unseen one leave', async () => {
    const api = await startTestServer({ config: redConfig });
    const red = async () =>
      (await api.post('/profiles', { events: [events.identify('', { favoriteColor: 'red' })] })).body.data;
    const viewer = await red();
    const index = offerIndex(viewer.profile.stableId);
    expect(viewer.experiences).toEqual([offer(index), banner]);
    expect(viewer.changes).toEqual([bannerChange]);
    const other = await red();

    const viewed = await api.post(`/profiles/${viewer.profile.id}`, { events: [seen(index)] });
    expect(viewed.body.data.experiences).toEqual([offer(index), banner]);

    const blue = () => ({ events: [events.identify('', { favoriteColor: 'blue' })] });
    const lost = await api.post(`/profiles/${viewer.profile.id}`, blue());
    expect(lost.body.data.profile.audiences).toEqual([]);
    expect(lost.body.data.experiences).toEqual([offer(index)]);
    expect(lost.body.data.changes).toEqual([]);
    expect((await api.get(`/profiles/${viewer.profile.id}`)).body.data.experiences).toEqual([offer(index)]);

    // Without a component event the sticky experience leaves with the audience.
    expect((await api.post(`/profiles/${other.profile.id}`, blue())).body.data.experiences).toEqual([]);
  });

  it('keep the first variant seen: a later component event with another index changes nothing', async () => {
    const api = await startTestServer({ config: redConfig });
    const { profile } = (
      await api.post('/profiles', { events: [events.identify('', { favoriteColor: 'red' })] })
    ).body.data;
    const index = offerIndex(profile.stableId);
    // The variant the visitor saw is what sticks, even if it is not the one computed now.
    const shown = 1 - index;
    await api.post(`/profiles/${profile.id}`, { events: [seen(shown)] });
    const later = await api.post(`/profiles/${profile.id}`, { events: [seen(index)] });
    expect(later.body.data.experiences).toEqual([offer(shown), banner]);
  });

  it('survive a merge: the surviving profile keeps the pick the merged-away profile recorded', async () => {
    const api = await startTestServer({ config: redConfig });
    const holder = (
      await api.post('/profiles', { events: [events.identify('alice', { favoriteColor: 'green' })] })
    ).body.data.profile;
    const device = (await api.post('/profiles', { events: [events.identify('', { favoriteColor: 'red' })] }))
      .body.data;
    const index = offerIndex(device.profile.stableId);
    await api.post(`/profiles/${device.profile.id}`, { events: [seen(index)] });

    api.clock.now += 1000;
    const merged = await api.post(`/profiles/${device.profile.id}`, {
      events: [events.identify('alice', { favoriteColor: 'blue' })],
    });
    expect(merged.body.data.profile.id).toBe(holder.id);
    expect(merged.body.data.profile.stableId).toBe(holder.stableId);
    expect(merged.body.data.profile.audiences).toEqual([]);
    expect(merged.body.data.experiences).toEqual([offer(index)]);
    expect((await api.get(`/profiles/${holder.id}`)).body.data.experiences).toEqual([offer(index)]);
  });

  it('are kept however long the history: the component event is found beyond the latest 1000 events', async () => {
    const api = await startTestServer({ config: redConfig, profileRateLimit: false });
    const { profile } = (
      await api.post('/profiles', { events: [events.identify('', { favoriteColor: 'red' })] })
    ).body.data;
    const shown = 1 - offerIndex(profile.stableId);
    await api.post(`/profiles/${profile.id}`, { events: [seen(shown)] });
    api.clock.now += 1000;
    for (let i = 0; i < 6; i++) {
      const batch = Array.from({ length: 200 }, (_, j) => events.page(`/p${i}-${j}`));
      expect((await api.post(`/profiles/${profile.id}`, { events: batch })).status).toBe(200);
    }
    // The view is past the 1000 events audiences read; a later view with another index is not first.
    await api.post(`/profiles/${profile.id}`, { events: [seen(1 - shown)] });
    const lost = await api.post(`/profiles/${profile.id}`, {
      events: [events.identify('', { favoriteColor: 'blue' })],
    });
    expect(lost.body.data.profile.audiences).toEqual([]);
    expect(lost.body.data.experiences).toEqual([offer(shown)]);
  });

  it('survive a restart (picks come from the stored events)', async () => {
    const first = await startTestServer({ config: redConfig });
    const { profile } = (
      await first.post('/profiles', { events: [events.identify('', { favoriteColor: 'red' }), seen(1)] })
    ).body.data;
    await first.post(`/profiles/${profile.id}`, { events: [events.identify('', { favoriteColor: 'blue' })] });
    await first.server.close();
    const second = await startTestServer({ config: redConfig, dir: first.dir });
    expect((await second.get(`/profiles/${profile.id}`)).body.data.experiences).toEqual([offer(1)]);
  });
});

describe('component events', () => {
  it('are applied once per messageId: a retry, or the same event sent for another profile, changes nothing', async () => {
    const api = await startTestServer({ config: redConfig });
    const blue = () => events.identify('', { favoriteColor: 'blue' });
    const first = (await api.post('/profiles', { events: [blue()] })).body.data.profile;
    const second = (await api.post('/profiles', { events: [blue()] })).body.data.profile;
    const view = seen(1);
    const applied = await api.post(`/profiles/${first.id}`, { events: [view] });
    expect(applied.body.data.experiences).toEqual([offer(1)]);
    const retried = await api.post(`/profiles/${first.id}`, { events: [view] });
    expect(retried.body.data.experiences).toEqual([offer(1)]);
    const elsewhere = await api.post(`/profiles/${second.id}`, { events: [view] });
    expect(elsewhere.body.data.experiences).toEqual([]);

    const log = (await inspect(api.url, true)).body.data.events.filter(
      (entry: { event: { type: string } }) => entry.event.type === 'component',
    );
    expect(
      log.map((entry: { profileId: string; duplicate?: boolean }) => [entry.profileId, entry.duplicate]),
    ).toEqual([
      [first.id, undefined],
      [first.id, true],
      [second.id, true],
    ]);
  });

  it.each([
    [
      { componentType: 'Widget' },
      'events[1].componentType: unknown component type "Widget" (expected Entry or Variable)',
    ],
    [{ componentType: undefined }, 'events[1].componentType: is required'],
    [{ componentId: 7 }, 'events[1].componentId: must be a string, got a number'],
    [{ experienceId: 5 }, 'events[1].experienceId: must be a string, got a number'],
    [{ experienceId: '' }, 'events[1].experienceId: must not be empty'],
    [{ variantIndex: 1.5 }, 'events[1].variantIndex: must be a non-negative integer'],
    [{ variantIndex: '1' }, 'events[1].variantIndex: must be a non-negative integer'],
    [{ viewDurationMs: -1 }, 'events[1].viewDurationMs: must be a non-negative number of milliseconds'],
    [{ viewId: 3 }, 'events[1].viewId: must be a string, got a number'],
  ])('refuses %j with 400 naming the field, and writes nothing', async (fields, message) => {
    const api = await startTestServer({ config: redConfig });
    const answer = await api.post('/profiles', {
      events: [events.identify('', { favoriteColor: 'red' }), seen(1, fields)],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ code: 'ERR_INVALID_DATA' });
    expect(answer.body.message).toContain(message);
    expect((await inspect(api.url, true)).body.data.events).toEqual([]);
  });

  it('accept Variable views and views of non-sticky experiences (stored, no effect on selection)', async () => {
    const api = await startTestServer({ config: redConfig });
    const answer = await api.post('/profiles', {
      events: [
        events.component({
          componentType: 'Variable',
          componentId: 'Variable-banner',
          experienceId: 'red-banner',
          variantIndex: 1,
          viewDurationMs: 2000,
          viewId: 'v1',
        }),
        events.component({ experienceId: 'unknown-experience', variantIndex: 3 }),
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data.experiences).toEqual([]);
    expect((await inspect(api.url)).body.data.events).toHaveLength(2);
  });
});
