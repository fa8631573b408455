import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryStorage, Ninetailed } from '../../src/index';
import {
  isPlausibleProfileId,
  NinetailedServer,
  type NinetailedServerOptions,
  profileIdCookie,
  readProfileIdCookie,
  type ServerFetch,
} from '../../src/server/index';

/** The part of the local API's contract this test uses. */
interface RunningServer {
  url: string;
  events(): Promise<Array<{ profileId: string; event: Record<string, unknown> }>>;
  clearEvents(): Promise<void>;
  close(): Promise<void>;
}

// Imported by a non-literal name so that this package's `tsc` does not type-check the server's
// source (another package, with its own compiler settings); vitest resolves it at run time.
const API_PACKAGE = '@ninetailed/experience-api';
const { startTemporaryServer } = (await import(API_PACKAGE)) as {
  startTemporaryServer: () => Promise<RunningServer>;
};

/** Real HTTP on 127.0.0.1 against the local Experience API, a real SQLite file, the demo config. */
let api: RunningServer;
beforeAll(async () => {
  api = await startTemporaryServer();
});
afterAll(async () => {
  await api?.close();
});
beforeEach(async () => {
  await api.clearEvents();
});

/** A server client over the real `fetch`, counting its requests. */
function serverClient(options: Partial<NinetailedServerOptions> = {}) {
  const requests: string[] = [];
  const fetch: ServerFetch = (url, init) => {
    requests.push(`${init.method} ${url.slice(api.url.length)}`);
    return globalThis.fetch(url, init);
  };
  return {
    ninetailed: new NinetailedServer({ clientId: 'demo', url: api.url, fetch, ...options }),
    requests,
  };
}

const browser = () =>
  new Ninetailed({
    clientId: 'demo',
    url: api.url,
    location: { href: 'http://127.0.0.1/news/1' },
    document: { title: 'News', referrer: '' },
    navigator: { userAgent: 'browser-ua', language: 'en-GB' },
    storage: memoryStorage(),
  });

const context = { url: 'http://127.0.0.1/news/2?utm_source=mail', userAgent: 'visitor-ua', locale: 'en-GB' };

describe('server client against the local Experience API', () => {
  it("track from the server for the browser's profile id reaches the same profile", async () => {
    const visitor = browser();
    await visitor.page({ category: 'news' });
    const id = visitor.profileState.profile!.id;
    // The id crosses to the server in the ntaid cookie.
    const cookie = `theme=dark; ${profileIdCookie(id).split(';')[0]}`;
    const { ninetailed, requests } = serverClient();
    const result = await ninetailed.track(
      'add_to_cart',
      { sku: '9T41L' },
      { profileId: readProfileIdCookie(cookie), context, ip: '203.0.113.7', locale: 'de' },
    );
    expect(requests).toEqual([`POST /v2/organizations/demo/environments/main/profiles/${id}?locale=de`]);
    expect(result.profile.id).toBe(id);
    expect(result.replacedProfileId).toBeUndefined();
    expect(result.profile.audiences).toContain('cart-adders');
    await visitor.page({ category: 'news' });
    expect(visitor.profileState.profile?.id).toBe(id);
    expect(visitor.profileState.profile?.audiences).toContain('cart-adders');

    const logged = await api.events();
    expect(
      logged.map((e) => [
        e.profileId,
        e.event.type,
        (e.event.context as { library: { name: string } }).library.name,
      ]),
    ).toEqual([
      [id, 'page', '@ninetailed/experience.js'],
      [id, 'track', '@ninetailed/experience.js/server'],
      [id, 'page', '@ninetailed/experience.js'],
    ]);
  });

  it('a first visit without a cookie creates one profile whose id makes a valid cookie', async () => {
    const { ninetailed } = serverClient();
    const { profile, experiences, changes } = await ninetailed.page({}, { context });
    expect(isPlausibleProfileId(profile.id)).toBe(true);
    expect(readProfileIdCookie(profileIdCookie(profile.id))).toBe(profile.id);
    // cta-test is for all visitors: an experience and its Variable change come back.
    expect(experiences.map((e) => e.experienceId)).toContain('cta-test');
    const cta = experiences.find((e) => e.experienceId === 'cta-test')!;
    expect(changes).toContainEqual({
      type: 'Variable',
      key: 'cta-color',
      value: cta.variantIndex === 1 ? 'green' : 'blue',
      meta: { experienceId: 'cta-test', variantIndex: cta.variantIndex },
    });
    expect((await api.events()).map((e) => e.profileId)).toEqual([profile.id]);
  });

  it('preflight evaluates the page and stores nothing', async () => {
    const { ninetailed } = serverClient();
    const { profile } = await ninetailed.page({ category: 'news' }, { context });
    await ninetailed.page({ category: 'news' }, { profileId: profile.id, context });
    const before = await ninetailed.getProfile(profile.id);
    expect(before.profile.audiences).not.toContain('news-readers');
    const logged = (await api.events()).length;

    // The third news page would make the visitor a news reader: the preflight says so...
    const preflight = await ninetailed.preflight({
      profileId: profile.id,
      context,
      properties: { category: 'news' },
    });
    expect(preflight.profile.id).toBe(profile.id);
    expect(preflight.profile.audiences).toContain('news-readers');
    expect(preflight.experiences).toContainEqual(
      expect.objectContaining({
        experienceId: 'news-hero',
        variantIndex: 1,
        variants: { 'hero-default': 'hero-news' },
      }),
    );

    // ...and nothing was stored: the same profile, no new event.
    const after = await ninetailed.getProfile(profile.id);
    expect(after).toEqual(before);
    expect((await api.events()).length).toBe(logged);
  });

  it('an unknown profile id (a stale cookie): the event goes to a new profile, said in the result', async () => {
    const { ninetailed, requests } = serverClient();
    const result = await ninetailed.track('signup', {}, { profileId: 'stale-profile-0001', context });
    expect(result.replacedProfileId).toBe('stale-profile-0001');
    expect(result.profile.id).not.toBe('stale-profile-0001');
    expect(requests.map((r) => r.split('/').at(-1))).toEqual(['stale-profile-0001', 'profiles']);
    expect((await api.events()).map((e) => [e.profileId, e.event.event])).toEqual([
      [result.profile.id, 'signup'],
    ]);
  });

  it('a batch of 120 profiles goes in 3 requests and answers every profile', async () => {
    const { ninetailed, requests } = serverClient();
    const ids = Array.from({ length: 120 }, (_, i) => `batch-user-${String(i).padStart(4, '0')}`);
    const { profiles } = await ninetailed.batch(
      ids.map((anonymousId, i) =>
        i % 2
          ? { anonymousId, type: 'track', event: 'add_to_cart', properties: { i } }
          : { anonymousId, type: 'identify', userId: '', traits: { favoriteColor: 'red' } },
      ),
    );
    expect(requests).toEqual(Array(3).fill('POST /v2/organizations/demo/environments/main/events'));
    expect(profiles.map((p) => p.id)).toEqual(ids);
    expect(profiles.map((p) => p.audiences.includes('red-fans'))).toEqual(ids.map((_, i) => i % 2 === 0));
    expect(profiles.map((p) => p.audiences.includes('cart-adders'))).toEqual(ids.map((_, i) => i % 2 === 1));
    const logged = await api.events();
    expect(logged).toHaveLength(120);
    expect(new Set(logged.map((e) => e.profileId))).toEqual(new Set(ids));
    // Re-read one through the profile endpoint: the batch really stored it.
    expect((await ninetailed.getProfile(ids[1]!)).profile.traits).toEqual({});
  });

  it('a 400 from the real server rejects with its message', async () => {
    const { ninetailed } = serverClient();
    await expect(ninetailed.batch([{ anonymousId: 'x'.repeat(257), type: 'page' }])).rejects.toThrow(
      /anonymousId: must be a profile id of 1 to 256/,
    );
    // What the client lets through but the server refuses (an unknown environment) is reported as it said.
    const other = serverClient({ environment: 'nope' }).ninetailed;
    await expect(other.track('a')).rejects.toMatchObject({ status: 404, code: 'ERR_CONFIG_NOT_FOUND' });
  });
});
