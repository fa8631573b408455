import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, Ninetailed, type ProfileResponseData } from '../src/index';
import { NINETAILED_ANONYMOUS_ID_COOKIE, readProfileIdCookie } from '../src/server/index';
import { BASE, fetchDouble, NOW, okReply, profile, settle, setup } from './helpers';

/**
 * A `document.cookie` double that behaves like a browser's for one site: writing
 * `name=value; attributes` sets that cookie (`Max-Age=0` removes it), reading gives `a=1; b=2`.
 * `writes` keeps every string written.
 */
function cookieJar(initial: Record<string, string> = {}) {
  const jar = new Map(Object.entries(initial));
  const writes: string[] = [];
  return {
    writes,
    jar,
    title: 'Post',
    referrer: '',
    get cookie() {
      return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    },
    set cookie(written: string) {
      writes.push(written);
      const [pair = '', ...attributes] = written.split(';').map((part) => part.trim());
      const [name = '', value = ''] = pair.split('=');
      if (attributes.includes('Max-Age=0')) jar.delete(name);
      else jar.set(name, value);
    },
  };
}

const SERVER_ID = '3b241101-e2bb-4255-8caf-4136c566a962';
const experiences = [
  { experienceId: 'news-hero', variantIndex: 1, variants: { 'hero-default': 'hero-news' } },
];
const changes = [
  {
    type: 'Variable' as const,
    key: 'cta-color',
    value: 'green',
    meta: { experienceId: 'cta-test', variantIndex: 1 },
  },
];
const fromServer = (id = SERVER_ID): ProfileResponseData => ({
  profile: profile(id, { audiences: ['news-readers'] }),
  experiences,
  changes,
});

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('initialProfile', () => {
  it('is the first state, before any request: success, from "hydrated"', () => {
    const { ninetailed, api } = setup({ initialProfile: fromServer() });
    expect(ninetailed.profileState).toEqual({
      status: 'success',
      profile: fromServer().profile,
      experiences,
      changes,
      error: null,
      from: 'hydrated',
    });
    expect(api.fetch).not.toHaveBeenCalled();
  });

  it('seeds the state on the server too (no window): the server render has the profile', () => {
    expect(typeof window).toBe('undefined');
    const api = fetchDouble();
    const ninetailed = new Ninetailed({ clientId: 'demo', fetch: api.fetch, initialProfile: fromServer() });
    expect(ninetailed.profileState).toMatchObject({ status: 'success', from: 'hydrated', experiences });
    expect(ninetailed.profileState.profile?.id).toBe(SERVER_ID);
  });

  it('adopts the server profile id when the browser has none: the first page event goes to it', async () => {
    const { ninetailed, api, storage } = setup({ initialProfile: fromServer() });
    expect(storage.getItem('__nt_anonymous_id__')).toBe(JSON.stringify(SERVER_ID));
    api.ok(SERVER_ID);
    await ninetailed.page();
    expect(api.requests.map((r) => r.url)).toEqual([`${BASE}/${SERVER_ID}`]);
    expect(ninetailed.profileState.from).toBe('api');
  });

  it('wins over a cached profile of the same id (the server data is fresher)', () => {
    const storage = memoryStorage();
    storage.setItem('__nt_anonymous_id__', JSON.stringify(SERVER_ID));
    storage.setItem('__nt_profile__', JSON.stringify(profile(SERVER_ID)));
    storage.setItem('__nt_experiences__', '[]');
    const { ninetailed } = setup({ storage, initialProfile: fromServer() });
    expect(ninetailed.profileState).toMatchObject({ from: 'hydrated', experiences });
    expect(ninetailed.profileState.profile?.audiences).toEqual(['news-readers']);
  });

  it('leaves a browser that holds another id on its own profile (events and cookie), showing the server state until its first answer', async () => {
    const storage = memoryStorage();
    storage.setItem('__nt_anonymous_id__', JSON.stringify('browser-profile'));
    const document = cookieJar();
    const { ninetailed, api } = setup({ storage, document, initialProfile: fromServer() });
    expect(ninetailed.profileState.profile?.id).toBe(SERVER_ID);
    api.ok('browser-profile');
    await ninetailed.page();
    expect(api.requests[0]!.url).toBe(`${BASE}/browser-profile`);
    expect(document.jar.get('ntaid')).toBe('browser-profile');
    expect(ninetailed.profileState).toMatchObject({ from: 'api', profile: { id: 'browser-profile' } });
  });

  it('ignores an initialProfile without a profile id (never throws)', () => {
    const { ninetailed } = setup({ initialProfile: { profile: null } as unknown as ProfileResponseData });
    expect(ninetailed.profileState.status).toBe('loading');
  });
});

describe('the ntaid cookie', () => {
  it('uses the name and attributes the server entry reads', async () => {
    expect(NINETAILED_ANONYMOUS_ID_COOKIE).toBe('ntaid');
    const document = cookieJar();
    const { ninetailed, api } = setup({ document });
    api.ok('p1-abcdefgh');
    await ninetailed.page();
    expect(document.writes.at(-1)).toBe('ntaid=p1-abcdefgh; Path=/; Max-Age=63072000; SameSite=Lax');
    expect(readProfileIdCookie(document.cookie)).toBe('p1-abcdefgh');
  });

  it('follows every profile id change (a merge), and reset() removes it', async () => {
    const document = cookieJar({ theme: 'dark' });
    const { ninetailed, api } = setup({ document });
    api.ok('first-profile');
    api.ok('merged-profile');
    await ninetailed.page();
    expect(document.jar.get('ntaid')).toBe('first-profile');
    await ninetailed.identify('user-42');
    expect(document.jar.get('ntaid')).toBe('merged-profile');
    await ninetailed.reset();
    expect(document.jar.has('ntaid')).toBe(false);
    expect(document.cookie).toBe('theme=dark');
  });

  it('is set by the first answer for a stored id (a visitor from before the cookie)', async () => {
    const storage = memoryStorage();
    storage.setItem('__nt_anonymous_id__', JSON.stringify('stored-profile'));
    const document = cookieJar();
    const { ninetailed, api } = setup({ storage, document });
    expect(document.writes).toEqual([]);
    api.ok('stored-profile');
    await ninetailed.page();
    expect(document.jar.get('ntaid')).toBe('stored-profile');
  });

  it('is adopted when the browser has no id (a server created the profile): one profile', async () => {
    const document = cookieJar({ ntaid: 'server-made-1' });
    const { ninetailed, api } = setup({ document });
    api.ok('server-made-1');
    await ninetailed.page();
    expect(api.requests[0]!.url).toBe(`${BASE}/server-made-1`);
  });

  it('is not adopted when it does not hold a plausible id, nor over a stored id', async () => {
    for (const bad of ['short', '%3Cscript%3E', 'a'.repeat(65), 'x"y-12345678']) {
      const document = cookieJar({ ntaid: bad });
      const { ninetailed, api } = setup({ document });
      api.ok('fresh-profile');
      await ninetailed.page();
      expect(api.requests[0]!.url, bad).toBe(BASE);
    }
    const storage = memoryStorage();
    storage.setItem('__nt_anonymous_id__', JSON.stringify('stored-profile'));
    const document = cookieJar({ ntaid: 'cookie-profile' });
    const { ninetailed, api } = setup({ storage, document });
    api.ok('stored-profile');
    await ninetailed.page();
    expect(api.requests[0]!.url).toBe(`${BASE}/stored-profile`);
  });

  it('percent-encodes an id, so no value can add cookie attributes', async () => {
    const document = cookieJar();
    const { ninetailed, api } = setup({ document });
    api.next(() => okReply('x; Domain=evil.example'));
    await ninetailed.page();
    expect(document.writes.at(-1)).toBe(
      'ntaid=x%3B%20Domain%3Devil.example; Path=/; Max-Age=63072000; SameSite=Lax',
    );
  });

  it('is neither written nor read with profileCookie: false', async () => {
    const document = cookieJar({ ntaid: 'server-made-1' });
    const { ninetailed, api } = setup({ document, profileCookie: false, initialProfile: fromServer() });
    api.ok(SERVER_ID);
    await ninetailed.page();
    await ninetailed.reset();
    await settle();
    expect(document.writes).toEqual([]);
  });
});
