// @vitest-environment node
import type { Profile } from '@ninetailed/experience.js';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  getNinetailedProfile,
  getServerSideNinetailedProfile,
  NinetailedServer,
  ninetailedProxy,
  trackServerEvent,
} from '../src/server';

// next/headers outside a request: what a server component, a server action or a route handler
// would read (the request's cookies and headers), and what they set.
const request = vi.hoisted(() => ({
  cookies: new Map<string, string>(),
  headers: new Map<string, string>(),
  set: [] as Array<[string, string, Record<string, unknown>]>,
}));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) =>
      request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined,
    set: (name: string, value: string, options: Record<string, unknown>) => {
      request.set.push([name, value, options]);
    },
  }),
  headers: async () => ({ get: (name: string) => request.headers.get(name) ?? null }),
}));

const API = 'http://127.0.0.1:9/v2/organizations/demo/environments/main/profiles';
const ID = '3b241101-e2bb-4255-8caf-4136c566a962';
const NEW_ID = '9f8e7d6c-5b4a-4321-8fed-cba987654321';

const profile = (id: string, audiences: string[] = []): Profile => ({
  id,
  stableId: `stable-${id}`,
  random: 0.5,
  audiences,
  traits: {},
  location: {},
  session: {
    id: 's1',
    isReturningVisitor: true,
    landingPage: { path: '/', url: 'https://a.example/', query: {}, referrer: '', search: '' },
    count: 2,
    activeSessionLength: 0,
    averageSessionLength: 0,
  },
});
const experiences = [
  { experienceId: 'news-hero', variantIndex: 1, variants: { 'hero-default': 'hero-news' } },
];

interface Seen {
  url: string;
  events: Array<Record<string, unknown>>;
}

/** A fetch double: answers each request with the next reply; any other request fails the test. */
function api(...replies: Array<(seen: Seen) => unknown>) {
  const seen: Seen[] = [];
  const fetch = vi.fn(async (url: string, init: { body?: string }) => {
    const request = { url, events: JSON.parse(init.body ?? '{"events":[]}').events };
    seen.push(request);
    const reply = replies.shift();
    if (!reply) throw new Error(`unexpected request to ${url}`);
    const data = reply(request);
    if (data instanceof Error) throw data;
    return { ok: true, status: 200, json: async () => ({ data, message: 'ok', error: null }) };
  });
  const onError = vi.fn();
  const ninetailed = new NinetailedServer({
    clientId: 'demo',
    url: 'http://127.0.0.1:9',
    fetch,
    retries: 0,
    onError,
    onLog: () => {},
  });
  return { ninetailed, seen, onError, left: () => replies.length };
}

const answer =
  (id: string, audiences: string[] = []) =>
  () => ({
    profile: profile(id, audiences),
    experiences,
    changes: [],
  });

beforeEach(() => {
  request.cookies.clear();
  request.headers.clear();
  request.set.length = 0;
});
afterEach(() => vi.restoreAllMocks());

describe('getNinetailedProfile (server components)', () => {
  it('evaluates the page for the visitor in the ntaid cookie with a preflight: nothing stored', async () => {
    request.cookies.set('ntaid', ID);
    request.headers.set('x-ninetailed-url', 'https://shop.example/blog/a?utm_source=mail');
    request.headers.set('user-agent', 'test-agent/1.0');
    const { ninetailed, seen, left } = api(answer(ID, ['news-readers']));
    const initial = await getNinetailedProfile(ninetailed);
    expect(seen.map((s) => s.url)).toEqual([`${API}/${ID}?type=preflight`]);
    expect(seen[0]!.events[0]).toMatchObject({
      type: 'page',
      properties: { path: '/blog/a', url: 'https://shop.example/blog/a?utm_source=mail' },
      context: { userAgent: 'test-agent/1.0', campaign: { source: 'mail' } },
    });
    // Exactly the provider's initialProfile: JSON, no extra keys.
    expect(initial).toEqual({ profile: profile(ID, ['news-readers']), experiences, changes: [] });
    expect(JSON.parse(JSON.stringify(initial))).toEqual(initial);
    expect(left()).toBe(0);
  });

  it('creates the profile of a first-time visitor (an identify without alias or traits), then evaluates it', async () => {
    const { ninetailed, seen } = api(answer(NEW_ID), answer(NEW_ID));
    const initial = await getNinetailedProfile(ninetailed, { url: '/pricing' });
    expect(seen.map((s) => s.url)).toEqual([API, `${API}/${NEW_ID}?type=preflight`]);
    expect(seen[0]!.events).toHaveLength(1);
    expect(seen[0]!.events[0]).toMatchObject({ type: 'identify', userId: '', traits: {} });
    expect(seen[1]!.events[0]).toMatchObject({ type: 'page', properties: { path: '/pricing' } });
    expect(initial?.profile.id).toBe(NEW_ID);
  });

  it('ignores a cookie that is not a plausible id (a new profile, never an alias)', async () => {
    request.cookies.set('ntaid', 'x; Domain=evil.example');
    const { ninetailed, seen } = api(answer(NEW_ID), answer(NEW_ID));
    await getNinetailedProfile(ninetailed);
    expect(seen[0]!.url).toBe(API);
  });

  it('resolves null when the API cannot be reached (the browser selects), reporting why', async () => {
    request.cookies.set('ntaid', ID);
    const { ninetailed, onError } = api(() => new TypeError('fetch failed'));
    await expect(getNinetailedProfile(ninetailed)).resolves.toBeNull();
    expect(onError).toHaveBeenCalled();
  });
});

describe('ninetailedProxy (proxy.ts / middleware)', () => {
  it('creates a first-time visitor: Set-Cookie on the response, the cookie and the URL on the request', async () => {
    const { ninetailed, seen } = api(answer(NEW_ID));
    const response = await ninetailedProxy(
      ninetailed,
      new NextRequest('https://shop.example/pricing?plan=pro', {
        headers: { cookie: 'theme=dark', 'x-ninetailed-url': 'https://evil.example/' },
      }),
    );
    expect(seen.map((s) => s.url)).toEqual([API]);
    expect(seen[0]!.events[0]).toMatchObject({ type: 'identify', userId: '', traits: {} });
    expect(response.headers.get('set-cookie')).toBe(
      `ntaid=${NEW_ID}; Path=/; Max-Age=63072000; SameSite=Lax`,
    );
    // What the rendering below sees (Next's request header override).
    expect(response.headers.get('x-middleware-request-cookie')).toBe(`theme=dark; ntaid=${NEW_ID}`);
    expect(response.headers.get('x-middleware-request-x-ninetailed-url')).toBe(
      'https://shop.example/pricing?plan=pro',
    );
  });

  it('costs no API call for a visitor with a cookie', async () => {
    const { ninetailed, seen } = api();
    const response = await ninetailedProxy(
      ninetailed,
      new NextRequest('https://shop.example/', { headers: { cookie: `ntaid=${ID}` } }),
    );
    expect(seen).toEqual([]);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('x-middleware-request-cookie')).toBe(`ntaid=${ID}`);
  });

  it('lets the request go on unchanged when the API cannot be reached', async () => {
    const { ninetailed } = api(() => new TypeError('fetch failed'));
    const response = await ninetailedProxy(ninetailed, new NextRequest('https://shop.example/'));
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('x-middleware-next')).toBe('1');
  });
});

describe('getServerSideNinetailedProfile (Pages Router)', () => {
  const context = (cookie?: string) => {
    const headers = new Map<string, string | string[]>([['Set-Cookie', ['session=1']]]);
    return {
      req: { headers: { cookie, 'user-agent': 'test-agent/1.0' } },
      res: {
        getHeader: (name: string) => headers.get(name),
        setHeader: (name: string, value: string | string[]) => void headers.set(name, value),
      },
      resolvedUrl: '/legacy/personalized?x=1',
      headers,
    };
  };

  it('evaluates the page for the cookie visitor', async () => {
    const { ninetailed, seen } = api(answer(ID, ['news-readers']));
    const ctx = context(`a=1; ntaid=${ID}`);
    const initial = await getServerSideNinetailedProfile(ninetailed, ctx);
    expect(seen.map((s) => s.url)).toEqual([`${API}/${ID}?type=preflight`]);
    expect(seen[0]!.events[0]).toMatchObject({
      properties: { path: '/legacy/personalized', search: '?x=1' },
    });
    expect(initial?.experiences).toEqual(experiences);
    expect(ctx.headers.get('Set-Cookie')).toEqual(['session=1']);
  });

  it('creates a first-time visitor and adds its cookie to the response', async () => {
    const { ninetailed, seen } = api(answer(NEW_ID), answer(NEW_ID));
    const ctx = context();
    const initial = await getServerSideNinetailedProfile(ninetailed, ctx, { cookie: { secure: true } });
    expect(seen.map((s) => s.url)).toEqual([API, `${API}/${NEW_ID}?type=preflight`]);
    expect(initial?.profile.id).toBe(NEW_ID);
    expect(ctx.headers.get('Set-Cookie')).toEqual([
      'session=1',
      `ntaid=${NEW_ID}; Path=/; Max-Age=63072000; SameSite=Lax; Secure`,
    ]);
  });
});

describe('trackServerEvent (server actions, route handlers)', () => {
  it("tracks for the cookie's visitor, with the calling page as context", async () => {
    request.cookies.set('ntaid', ID);
    request.headers.set('referer', 'https://shop.example/signup');
    const { ninetailed, seen } = api(answer(ID));
    const result = await trackServerEvent(ninetailed, 'signup', { plan: 'pro' });
    expect(seen.map((s) => s.url)).toEqual([`${API}/${ID}`]);
    expect(seen[0]!.events[0]).toMatchObject({
      type: 'track',
      event: 'signup',
      properties: { plan: 'pro' },
      context: { page: { path: '/signup' } },
    });
    expect(result.profile.id).toBe(ID);
    expect(request.set).toEqual([]);
  });

  it('sets the cookie when the event created the profile', async () => {
    const { ninetailed } = api(answer(NEW_ID));
    await trackServerEvent(ninetailed, 'signup');
    expect(request.set).toEqual([['ntaid', NEW_ID, { path: '/', maxAge: 63072000, sameSite: 'lax' }]]);
  });

  it('rejects bad input naming it, sending nothing', async () => {
    const { ninetailed, seen } = api();
    await expect(trackServerEvent(ninetailed, '')).rejects.toThrow(/event/);
    expect(seen).toEqual([]);
  });
});
