// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Ninetailed } from '../src/index';
import { NOW, okReply } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  localStorage.clear();
  // The SDK mirrors the profile id in the `ntaid` cookie, and adopts it: each test starts without.
  // biome-ignore lint/suspicious/noDocumentCookie: removing the cookie the SDK wrote, as a browser would.
  document.cookie = 'ntaid=; Path=/; Max-Age=0';
  window.history.replaceState(null, '', '/shop/shoes?utm_source=newsletter&size=42#reviews');
  document.title = 'Shoes';
});
afterEach(() => {
  vi.useRealTimers();
});

describe('browser defaults (jsdom)', () => {
  it('reads location, document, navigator and localStorage, and uses global fetch', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => okReply('browser-1'));
    vi.stubGlobal('fetch', fetch);
    const ninetailed = new Ninetailed({ clientId: 'demo' });
    await ninetailed.page();
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://experience.ninetailed.co/v2/organizations/demo/environments/main/profiles');
    const event = JSON.parse(init.body as string).events[0];
    expect(event.context).toMatchObject({
      userAgent: navigator.userAgent,
      locale: navigator.languages[0] || navigator.language,
      campaign: { source: 'newsletter' },
      page: {
        url: 'http://localhost:3000/shop/shoes?utm_source=newsletter&size=42#reviews',
        path: '/shop/shoes',
        search: '?utm_source=newsletter&size=42',
        query: { utm_source: 'newsletter', size: '42' },
        referrer: document.referrer,
      },
    });
    expect(event.properties).toMatchObject({ title: 'Shoes', path: '/shop/shoes' });
    expect(localStorage.getItem('__nt_anonymous_id__')).toBe('"browser-1"');

    // A reload starts from the cached profile.
    const reloaded = new Ninetailed({ clientId: 'demo' });
    expect(reloaded.profileState).toMatchObject({
      status: 'success',
      from: 'hydrated',
      profile: { id: 'browser-1' },
    });
  });

  it('reads the page at call time after client-side navigation', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => okReply('browser-1'));
    vi.stubGlobal('fetch', fetch);
    const ninetailed = new Ninetailed({ clientId: 'demo' });
    window.history.pushState(null, '', '/blog/post-1');
    document.title = 'Post 1';
    await ninetailed.page({ category: 'news' });
    const event = JSON.parse(fetch.mock.calls[0]![1].body as string).events[0];
    expect(event.properties).toMatchObject({ path: '/blog/post-1', title: 'Post 1', category: 'news' });
  });

  it('hears the real window: pagehide sends what is pending with keepalive; online resumes', async () => {
    const fetch = vi
      .fn(async (_url: string, _init: RequestInit) => okReply('browser-1'))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    vi.stubGlobal('fetch', fetch);
    const { track } = new Ninetailed({ clientId: 'demo' }); // methods are bound
    await track('offline');
    expect(fetch).toHaveBeenCalledTimes(1);
    // Kept in localStorage meanwhile.
    expect(Object.keys(localStorage).filter((k) => k.startsWith('__nt_outbox__/demo/main/'))).toHaveLength(1);
    window.dispatchEvent(new Event('pagehide'));
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[1]![1]).toMatchObject({ keepalive: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(Object.keys(localStorage).filter((k) => k.startsWith('__nt_outbox__/demo/main/'))).toHaveLength(0);
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('falls back to memory when localStorage throws', async () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => okReply('mem-1'));
    vi.stubGlobal('fetch', fetch);
    const ninetailed = new Ninetailed({ clientId: 'demo' });
    await ninetailed.page();
    await ninetailed.page();
    // The id lives in memory, so the second request still continues the same profile.
    expect(fetch.mock.calls.map(([url]) => url.replace(/.*\/profiles/, ''))).toEqual(['', '/mem-1']);
  });
});
