import {
  memoryStorage,
  Ninetailed,
  NinetailedDeliveryError,
  type NinetailedOptions,
} from '@ninetailed/experience.js';
import { type RunningServer, startTemporaryServer } from '@ninetailed/experience-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * Real HTTP on 127.0.0.1 against the local Experience API, with a real SQLite file in a temp
 * dir and its demo configuration (news-readers, cart-adders, red-fans, spring-google, ...).
 */
let server: RunningServer;

beforeAll(async () => {
  server = await startTemporaryServer();
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  await server.clearEvents();
});

const visitor = (href = 'http://127.0.0.1/blog/post-1', options: Partial<NinetailedOptions> = {}) => {
  const location = { href };
  const storage = memoryStorage();
  const ninetailed = new Ninetailed({
    clientId: 'demo',
    url: server.url,
    location,
    document: { title: 'Post', referrer: '' },
    navigator: { userAgent: 'core-integration', language: 'en-GB' },
    storage,
    privacy: { contactInfo: 'allow' },
    ...options,
  });
  return { ninetailed, storage, location };
};

const loggedEvents = () => server.events();

describe('against the local Experience API', () => {
  it('creates a profile, adopts its id, and applies audiences as events arrive', async () => {
    const { ninetailed, storage } = visitor();
    await ninetailed.page({ category: 'news' });
    const { profile } = ninetailed.profileState;
    expect(ninetailed.profileState).toMatchObject({ status: 'success', from: 'api', error: null });
    expect(profile?.id).toEqual(expect.any(String));
    expect(storage.getItem('__nt_anonymous_id__')).toBe(JSON.stringify(profile!.id));
    expect(profile?.audiences).toContain('blog-readers');
    expect(profile?.audiences).not.toContain('news-readers');

    await Promise.all([ninetailed.page({ category: 'news' }), ninetailed.page({ category: 'news' })]);
    await ninetailed.track('add_to_cart', { sku: '9T41L', quantity: 1 });
    await ninetailed.identify('', { favoriteColor: 'red' });
    expect(ninetailed.profileState.profile?.id).toBe(profile!.id);
    expect(ninetailed.profileState.profile?.audiences).toEqual(
      expect.arrayContaining(['news-readers', 'blog-readers', 'cart-adders', 'red-fans']),
    );
    expect(ninetailed.profileState.profile?.traits).toEqual({ favoriteColor: 'red' });

    // The server received exactly these events, in call order, as the SDK sent them.
    const events = await loggedEvents();
    expect(
      events.map((e) => [
        e.event.type,
        e.event.event ?? (e.event.properties as { category?: string })?.category ?? e.event.userId,
      ]),
    ).toEqual([
      ['page', 'news'],
      ['page', 'news'],
      ['page', 'news'],
      ['track', 'add_to_cart'],
      ['identify', ''],
    ]);
    expect(new Set(events.map((e) => e.profileId))).toEqual(new Set([profile!.id]));
    expect(events[0]!.event.context).toMatchObject({
      library: { name: '@ninetailed/experience.js' },
      locale: 'en-GB',
      page: { path: '/blog/post-1' },
    });
  });

  it('matches a campaign audience from utm_* parameters', async () => {
    const { ninetailed } = visitor('http://127.0.0.1/landing?utm_campaign=spring&utm_source=google');
    await ninetailed.page();
    expect(ninetailed.profileState.profile?.audiences).toContain('spring-google');
    await ninetailed.identify('', { plan: 'pro' });
    expect(ninetailed.profileState.profile?.audiences).not.toContain('spring-google');
  });

  it('merges two visitors that identify with the same alias, and both follow the surviving id', async () => {
    const alias = `user-${Date.now()}`;
    const first = visitor();
    await first.ninetailed.identify(alias, { favoriteColor: 'red' });
    const survivor = first.ninetailed.profileState.profile!.id;

    const second = visitor();
    await second.ninetailed.page({ category: 'news' });
    const before = second.ninetailed.profileState.profile!.id;
    expect(before).not.toBe(survivor);
    await second.ninetailed.identify(alias, { someTrait: 'value' });
    expect(second.ninetailed.profileState.profile?.id).toBe(survivor);
    expect(second.storage.getItem('__nt_anonymous_id__')).toBe(JSON.stringify(survivor));
    expect(second.ninetailed.profileState.profile?.traits).toMatchObject({
      favoriteColor: 'red',
      someTrait: 'value',
    });
    expect(second.ninetailed.profileState.profile?.audiences).toContain('red-fans');
  });

  it('visiting a URL with ?an_uid= does not identify or merge anyone', async () => {
    const owner = visitor();
    await owner.ninetailed.page();
    const ownerId = owner.ninetailed.profileState.profile!.id;
    const stranger = visitor(`http://127.0.0.1/?an_uid=${ownerId}`);
    await stranger.ninetailed.page();
    expect(stranger.ninetailed.profileState.profile?.id).not.toBe(ownerId);
  });

  it('restores the cached profile on reload, and reset() starts a new one', async () => {
    const { ninetailed, storage } = visitor();
    await ninetailed.page();
    const id = ninetailed.profileState.profile!.id;
    const reloaded = visitor(undefined, { storage });
    expect(reloaded.ninetailed.profileState).toMatchObject({
      status: 'success',
      from: 'hydrated',
      profile: { id },
    });
    await reloaded.ninetailed.page();
    expect(reloaded.ninetailed.profileState).toMatchObject({ from: 'api', profile: { id } });
    await reloaded.ninetailed.reset();
    await reloaded.ninetailed.page();
    expect(reloaded.ninetailed.profileState.profile?.id).not.toBe(id);
  });

  it('reports ERR_CONFIG_NOT_FOUND for an unknown organisation and keeps the events', async () => {
    // Timers that run the request timeout but hold the retry (and the tab heartbeat), so nothing
    // outlives the test.
    const retries: Array<() => void> = [];
    const timers = {
      now: () => Date.now(),
      setTimeout: (fn: () => void, ms: number) => (ms === 4000 ? setTimeout(fn, ms) : retries.push(fn)),
      clearTimeout: (id: unknown) => clearTimeout(id as ReturnType<typeof setTimeout>),
    };
    const errors: Error[] = [];
    const { ninetailed, storage } = visitor(undefined, {
      clientId: 'nobody',
      requestTimeout: 4000,
      timers,
      onError: (e) => errors.push(e),
    });
    // A 404 is retried: the event is safely kept, so the call's FlushResult is a success; the
    // failure goes to onError.
    await expect(ninetailed.page()).resolves.toEqual({ success: true });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(NinetailedDeliveryError);
    expect(errors[0]).toMatchObject({ code: 'ERR_CONFIG_NOT_FOUND', status: 404 });
    expect(ninetailed.profileState.status).toBe('error');
    expect(retries).toHaveLength(2); // the heartbeat and the retry
    // The event waits in the durable outbox of this organisation and environment.
    const tabs = JSON.parse(storage.getItem('__nt_outbox__/nobody/main')!);
    const [tab] = Object.keys(tabs);
    expect(JSON.parse(storage.getItem(`__nt_outbox__/nobody/main/${tab}`)!)).toHaveLength(1);
  });

  it('refuses a page query the API would refuse, so the other calls of that request get through', async () => {
    // The API refuses a request whose page query is not an object of strings: all its events.
    const raw = await fetch(`${server.url}/v2/organizations/demo/environments/main/profiles`, {
      method: 'POST',
      body: JSON.stringify({
        events: [{ type: 'page', messageId: 'raw-1', properties: { query: { page: 2 } } }],
      }),
    });
    expect(raw.status).toBe(400);

    const { ninetailed } = visitor();
    // Calls never reject: each resolves v7's FlushResult, the refused one with its error.
    const results = await Promise.all([
      ninetailed.page({ category: 'news' }),
      ninetailed.page({ query: { page: 2 } }),
      ninetailed.track('after'),
    ]);
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    expect(results[1].error).toMatchObject({ code: 'ERR_INPUT', argument: 'properties' });
    expect((await loggedEvents()).map((e) => e.event.type)).toEqual(['page', 'track']);
  });

  it('passes the server’s validation with awkward but valid data', async () => {
    const { ninetailed } = visitor('http://127.0.0.1/p?q=%E2%9C%93&q=2#frag');
    await ninetailed.track('odd', { emoji: '😀', nested: { list: [1, null, true, 'x'] }, when: new Date(0) });
    await ninetailed.identify('', { deep: { a: { b: { c: 1 } } } });
    // The deepest nesting the SDK lets through is still accepted by the server.
    let deepest: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 30; i++) deepest = { node: deepest };
    await ninetailed.page(deepest);
    const events = await loggedEvents();
    expect(events.map((e) => e.event.type)).toEqual(['track', 'identify', 'page']);
    expect(events[0]!.event.properties).toEqual({
      emoji: '😀',
      nested: { list: [1, null, true, 'x'] },
      when: '1970-01-01T00:00:00.000Z',
    });
  });
});
