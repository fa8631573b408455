/**
 * Compatibility with the public v7 SDK from npm (`ninetailed-v7` = @ninetailed/experience.js@7.26.0),
 * unchanged, against this server: its zod schemas parse every answer, and its profile state
 * reaches `success` with the profile the server holds.
 */
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { demoCtaTest, demoNewsHero } from './experienceOracle';
import { inspect, request, startTestServer } from './helpers';

const require = createRequire(import.meta.url);

interface V7ProfileState {
  status: 'loading' | 'success' | 'error';
  profile: { id: string; audiences: string[]; traits: Record<string, unknown> } | null;
  error: Error | null;
}
interface V7Ninetailed {
  page(properties?: Record<string, unknown>): Promise<void>;
  track(event: string, properties?: Record<string, unknown>): Promise<void>;
  identify(uid: string, traits?: Record<string, unknown>): Promise<void>;
  onProfileChange(cb: (state: V7ProfileState) => void): () => void;
  readonly profileState: V7ProfileState;
}
type V7Constructor = new (
  api: { clientId: string; environment?: string },
  options: Record<string, unknown>,
) => V7Ninetailed;

// biome-ignore lint/suspicious/noExplicitAny: the v7 package is untyped from here (CJS via require)
type Untyped = any;

const v7: { Ninetailed: V7Constructor } = require('ninetailed-v7');
// The v7 API client and its response schemas live in the SDK's own dependency.
const shared: Untyped = createRequire(require.resolve('ninetailed-v7'))('@ninetailed/experience.js-shared');

function browserContext(url: string) {
  return () => ({
    url,
    referrer: 'https://www.google.com/',
    locale: 'en-US',
    userAgent: 'vitest',
    document: { title: 'T' },
  });
}

/** A fresh storage per SDK instance (v7 otherwise shares one global store in node). */
function memoryStorage() {
  const items = new Map<string, unknown>();
  return {
    getItem: (key: string) => items.get(key),
    setItem: (key: string, value: unknown) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

/** Resolves with the first profile state that is not `loading`. */
function settled(ninetailed: V7Ninetailed): Promise<V7ProfileState> {
  return new Promise((resolve) => {
    const unsubscribe = ninetailed.onProfileChange((state) => {
      if (state.status !== 'loading') {
        queueMicrotask(() => unsubscribe());
        resolve(state);
      }
    });
  });
}

describe('v7 SDK from npm against the local server', () => {
  it('Ninetailed: page, track, identify reach profile state "success" with the server\u2019s profile', async () => {
    const api = await startTestServer();
    // v7 only sends events when it believes it runs in a browser (typeof window === 'object').
    vi.stubGlobal('window', {});
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const errors: unknown[] = [];
    const ninetailed = new v7.Ninetailed(
      { clientId: 'demo', environment: 'main' },
      {
        url: api.url,
        locale: 'de-DE',
        storageImpl: memoryStorage(),
        buildClientContext: browserContext(
          'http://localhost:4310/blog/1?utm_campaign=spring&utm_source=google',
        ),
        onError: (error: unknown) => errors.push(error),
      },
    );
    const first = settled(ninetailed);
    await ninetailed.page({ category: 'news' });
    const state = await first;
    expect(state.error).toBeNull();
    expect(state.status).toBe('success');

    await ninetailed.page({ category: 'news' });
    await ninetailed.page({ category: 'news' });
    await ninetailed.track('add_to_cart', { sku: 'sku-1' });
    await ninetailed.identify('', { favoriteColor: 'red' });
    await ninetailed.identify('v7-user', { plan: 'pro' });

    expect(errors).toEqual([]);
    const { profileState } = ninetailed;
    expect(profileState.status).toBe('success');
    expect(profileState.profile?.audiences).toEqual([
      'news-readers',
      'blog-readers',
      'cart-adders',
      'red-fans',
    ]);
    expect(profileState.profile?.traits).toEqual({ favoriteColor: 'red', plan: 'pro' });

    const id = profileState.profile?.id as string;
    const stored = await api.get(`/profiles/${id}`);
    expect(stored.body.data.profile).toEqual(profileState.profile);

    const log = (await inspect(api.url)).body.data.events;
    expect(log.map((e: { event: { type: string } }) => e.event.type)).toEqual([
      'page',
      'page',
      'page',
      'track',
      'identify',
      'identify',
    ]);
    expect(log.every((e: { profileId: string }) => e.profileId === id)).toBe(true);
    expect(log[0].event.context.campaign).toEqual({ name: 'spring', source: 'google' });
    // Every request v7 made carried ?locale=de-DE and was answered 200.
    const urls = fetchSpy.mock.calls
      .filter(([, init]) => init?.method === 'POST')
      .map(([url]) => String(url));
    expect(urls.length).toBeGreaterThanOrEqual(2);
    expect(urls.every((url) => url.endsWith('?locale=de-DE'))).toBe(true);
    const posts = api.logs.filter((l) => l.msg === 'request' && l.method === 'POST');
    expect(posts).toHaveLength(urls.length);
    expect(posts.every((l) => l.status === 200)).toBe(true);
  });

  it('a second v7 device identifying with the same alias merges into the first profile', async () => {
    const api = await startTestServer();
    vi.stubGlobal('window', {});
    const make = (path: string) =>
      new v7.Ninetailed(
        { clientId: 'demo' },
        {
          url: api.url,
          storageImpl: memoryStorage(),
          buildClientContext: browserContext(`http://localhost${path}`),
        },
      );
    const laptop = make('/a');
    await laptop.page();
    await laptop.identify('same-person', { device: 'laptop', laptopOnly: true });
    const phone = make('/b');
    await phone.page();
    const phoneId = phone.profileState.profile?.id;
    await phone.identify('same-person', { device: 'phone' });

    expect(phone.profileState.status).toBe('success');
    expect(phone.profileState.profile?.id).toBe(laptop.profileState.profile?.id);
    expect(phone.profileState.profile?.id).not.toBe(phoneId);
    expect(phone.profileState.profile?.traits).toEqual({ device: 'phone', laptopOnly: true });
  });

  it('NinetailedApiClient: create, update, read, preflight, locale and batch all parse with v7 schemas', async () => {
    const api = await startTestServer();
    const client = new shared.NinetailedApiClient({ clientId: 'demo', environment: 'main', url: api.url });
    const ctx = {
      url: 'http://localhost/x?a=1',
      referrer: '',
      locale: 'en',
      userAgent: 'vitest',
      document: { title: 'X' },
    };
    const page = (messageId: string) =>
      shared.buildPageEvent({ messageId, timestamp: api.clock.now, properties: { category: 'news' }, ctx });

    const created = await client.createProfile({ events: [page('c1')] }, { enabledFeatures: ['location'] });
    expect(created.profile.session.landingPage.query).toEqual({ a: '1' });
    expect(created.experiences).toEqual([demoCtaTest(created.profile.stableId).experience]);

    const updated = await client.updateProfile(
      { profileId: created.profile.id, events: [page('c2'), page('c3')] },
      { locale: 'de-DE' },
    );
    expect(updated.profile.audiences).toContain('news-readers');

    const preflight = await client.updateProfile(
      {
        profileId: created.profile.id,
        events: [
          shared.buildIdentifyEvent({ messageId: 'c4', timestamp: 0, traits: { x: 1 }, userId: '', ctx }),
        ],
      },
      { preflight: true },
    );
    expect(preflight.profile.traits).toEqual({ x: 1 });

    const read = await client.getProfile(created.profile.id);
    expect(read.profile).toEqual(updated.profile);

    const batch = await client.upsertManyProfiles({
      events: [
        {
          ...shared.buildTrackEvent({
            messageId: 'b1',
            timestamp: 0,
            event: 'add_to_cart',
            properties: {},
            ctx,
          }),
          anonymousId: 'srv-1',
        },
        {
          ...shared.buildComponentViewEvent({
            messageId: 'b2',
            timestamp: 0,
            componentId: 'e1',
            componentType: 'Entry',
            experienceId: 'x',
            variantIndex: 0,
            ctx,
          }),
          anonymousId: created.profile.id,
        },
      ],
    });
    expect(batch.map((p: { id: string }) => p.id)).toEqual(['srv-1', created.profile.id]);
    expect(batch[0].audiences).toContain('cart-adders');

    // And the raw answers, checked against the v7 response schemas directly.
    const raw = await request(`${api.base}/profiles/${created.profile.id}`);
    expect(shared.UpdateProfileResponse.safeParse(raw.body).success).toBe(true);
    expect(shared.Profile.safeParse(raw.body.data.profile).success).toBe(true);
    expect(shared.Profile.safeParse({ ...raw.body.data.profile, session: undefined }).success).toBe(false);
  });

  it('receives experiences and changes: its profile state holds them and its zod schemas parse every answer', async () => {
    const api = await startTestServer();
    vi.stubGlobal('window', {});
    const errors: unknown[] = [];
    const ninetailed = new v7.Ninetailed(
      { clientId: 'demo', environment: 'main' },
      {
        url: api.url,
        storageImpl: memoryStorage(),
        buildClientContext: browserContext('http://localhost:4310/news/1'),
        onError: (error: unknown) => errors.push(error),
      },
    );
    const first = settled(ninetailed);
    await ninetailed.page({ category: 'news' });
    await first;
    const stableId = (ninetailed.profileState.profile as unknown as { stableId: string }).stableId;
    const cta = demoCtaTest(stableId);
    const state = ninetailed.profileState as unknown as { experiences: unknown[]; changes: unknown[] };
    expect(state.experiences).toEqual([cta.experience]);
    expect(state.changes).toEqual([cta.change]);

    await ninetailed.page({ category: 'news' });
    await ninetailed.page({ category: 'news' });
    expect(errors).toEqual([]);
    const after = ninetailed.profileState as unknown as { experiences: unknown[]; changes: unknown[] };
    expect(after.experiences).toEqual([demoNewsHero, cta.experience]);
    expect(after.changes).toEqual([cta.change]);

    const id = ninetailed.profileState.profile?.id as string;
    const read = await request(`${api.base}/profiles/${id}`);
    expect(shared.UpdateProfileResponse.safeParse(read.body).success).toBe(true);
    expect(shared.CreateProfileResponse.safeParse(read.body).success).toBe(true);
    for (const item of read.body.data.experiences)
      expect(shared.SelectedVariantInfo.parse(item)).toEqual(item);
    for (const change of read.body.data.changes) expect(shared.Change.parse(change)).toEqual(change);
  });

  it('a v7 component view of the sticky experiment keeps that variant (NinetailedApiClient)', async () => {
    const api = await startTestServer();
    const client = new shared.NinetailedApiClient({ clientId: 'demo', environment: 'main', url: api.url });
    const ctx = {
      url: 'http://localhost/',
      referrer: '',
      locale: 'en',
      userAgent: 'vitest',
      document: { title: 'X' },
    };
    const created = await client.createProfile({
      events: [shared.buildPageEvent({ messageId: 's1', timestamp: api.clock.now, properties: {}, ctx })],
    });
    const computed = demoCtaTest(created.profile.stableId).experience.variantIndex;
    // The visitor saw the other variant (say, before a configuration change): that one sticks.
    const shown = 1 - computed;
    const viewed = await client.updateProfile({
      profileId: created.profile.id,
      events: [
        shared.buildComponentViewEvent({
          messageId: 's2',
          timestamp: api.clock.now,
          componentId: shown === 1 ? 'cta-bold' : 'cta-default',
          componentType: 'Entry',
          experienceId: 'cta-test',
          variantIndex: shown,
          ctx,
        }),
      ],
    });
    expect(viewed.experiences).toEqual([demoCtaTest(created.profile.stableId, shown).experience]);
    expect(viewed.changes).toEqual([demoCtaTest(created.profile.stableId, shown).change]);
  });

  it('v7 reports a 400 from the server as an error (no crash, server keeps answering)', async () => {
    const api = await startTestServer();
    const client = new shared.NinetailedApiClient({ clientId: 'demo', url: api.url });
    await expect(client.createProfile({ events: [{ type: 'screen', messageId: 'm' }] })).rejects.toThrow(
      /\[400\]/,
    );
    await expect(client.getProfile('missing')).rejects.toThrow(/\[404\]/);
    const ok = await client.createProfile({ events: [{ type: 'track', messageId: 'm2', event: 'x' }] });
    expect(ok.profile.id).toBeTruthy();
  });
});
