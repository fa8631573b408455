import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildEvent } from '../../src/events';
import {
  LIBRARY_VERSION,
  NinetailedConfigError,
  NinetailedInputError,
  NinetailedServer,
  type NinetailedServerOptions,
  requestContext,
} from '../../src/server/index';
import { API, fetchDouble, NOW, okProfile, profile, UUID_V4 } from './serverFetchDouble';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

const client = (api: ReturnType<typeof fetchDouble>, options: Partial<NinetailedServerOptions> = {}) =>
  new NinetailedServer({ clientId: 'demo', fetch: api.fetch, ...options });

const href = 'https://shop.example/blog/post-1?utm_source=mail&utm_campaign=spring&x=1&x=2#top';
const context = {
  url: href,
  referrer: 'https://news.example/',
  title: 'Post 1',
  userAgent: 'Mozilla/5.0 (visitor)',
  locale: 'de-DE',
};
const time = new Date(NOW).toISOString();

describe('server client: wire format', () => {
  it('page: one POST to the profile, the event exactly as the browser builds it', async () => {
    const api = fetchDouble().next(
      okProfile('p1', { experiences: [{ experienceId: 'news-hero', variantIndex: 1, variants: {} }] }),
    );
    const onError = vi.fn();
    const result = await client(api, { onError }).page(
      { category: 'news' },
      { profileId: 'p1', context, ip: '203.0.113.7', locale: 'de' },
    );
    expect(result).toEqual({
      profile: profile('p1'),
      experiences: [{ experienceId: 'news-hero', variantIndex: 1, variants: {} }],
      changes: [],
    });
    expect(api.seen).toHaveLength(1);
    const [request] = api.seen;
    expect(request).toMatchObject({
      method: 'POST',
      url: `${API}/profiles/p1?locale=de`,
      headers: { 'Content-Type': 'application/json', 'X-Force-IP': '203.0.113.7' },
    });
    const page = {
      url: href,
      path: '/blog/post-1',
      search: '?utm_source=mail&utm_campaign=spring&x=1&x=2',
      query: { utm_source: 'mail', utm_campaign: 'spring', x: '2' },
      referrer: 'https://news.example/',
    };
    expect(request!.body).toEqual({
      events: [
        {
          type: 'page',
          properties: { ...page, title: 'Post 1', category: 'news' },
          channel: 'web',
          messageId: expect.stringMatching(UUID_V4),
          originalTimestamp: time,
          timestamp: time,
          sentAt: time,
          context: {
            library: { name: '@ninetailed/experience.js/server', version: LIBRARY_VERSION },
            userAgent: 'Mozilla/5.0 (visitor)',
            locale: 'de-DE',
            campaign: { source: 'mail', name: 'spring' },
            page,
            gdpr: { isConsentGiven: true },
          },
        },
      ],
      options: { features: ['ip-enrichment', 'location'] },
    });
    // Field for field what the browser SDK sends for the same page view (but the library).
    const browser = buildEvent(
      { type: 'page', properties: { category: 'news' } },
      {
        location: { href },
        document: { title: 'Post 1', referrer: 'https://news.example/' },
        navigator: { userAgent: 'Mozilla/5.0 (visitor)', language: 'de-DE' },
      },
      true,
      NOW,
    );
    const sent = request!.body!.events[0]!;
    expect(Object.keys(sent)).toEqual([...Object.keys(browser), 'sentAt']);
    expect({
      ...sent,
      messageId: 'm',
      sentAt: undefined,
      context: { ...(sent.context as object), library: 0 },
    }).toEqual({
      ...browser,
      messageId: 'm',
      sentAt: undefined,
      context: { ...browser.context, library: 0 },
    });
    expect(onError).not.toHaveBeenCalled();
  });

  it('track without a profile id creates one; no IP header, no locale, no page but the path', async () => {
    const api = fetchDouble().next(okProfile('new-1'));
    const { profile: created } = await client(api).track(
      'signup',
      { plan: 'pro' },
      { context: { url: '/welcome' } },
    );
    expect(created.id).toBe('new-1');
    const [request] = api.seen;
    expect(request!.url).toBe(`${API}/profiles`);
    expect(request!.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(request!.body!.events[0]).toMatchObject({
      type: 'track',
      event: 'signup',
      properties: { plan: 'pro' },
      context: {
        userAgent: '',
        locale: '',
        campaign: {},
        page: { url: '/welcome', path: '/welcome', search: '', query: {}, referrer: '' },
      },
    });
  });

  it('track with no context at all: the page is "/"', async () => {
    const api = fetchDouble().next(okProfile('p1'));
    await client(api).track('cron', undefined, { profileId: 'p1' });
    expect(api.seen[0]!.body!.events[0]).toMatchObject({
      properties: {},
      context: { page: { url: '/', path: '/', search: '', query: {}, referrer: '' } },
    });
  });

  it('builds the page from path and query when no url is given', async () => {
    const api = fetchDouble().next(okProfile('p1'));
    await client(api).page(undefined, {
      profileId: 'p1',
      context: {
        path: '/shop',
        query: new URLSearchParams([
          ['utm_medium', 'cpc'],
          ['q', 'a b'],
        ]),
      },
    });
    expect(api.seen[0]!.body!.events[0]!.properties).toEqual({
      url: '/shop?utm_medium=cpc&q=a+b',
      path: '/shop',
      search: '?utm_medium=cpc&q=a+b',
      query: { utm_medium: 'cpc', q: 'a b' },
      referrer: '',
      title: '',
    });
    expect(api.seen[0]!.body!.events[0]!.context).toMatchObject({ campaign: { medium: 'cpc' } });
  });

  it('identify sends the alias and traits; nothing to send rejects without a request', async () => {
    const api = fetchDouble().next(okProfile('p1'));
    const onError = vi.fn();
    const ninetailed = client(api, { onError, privacy: { contactInfo: 'allow' } });
    await ninetailed.identify('crm-42', { plan: 'pro' }, { profileId: 'p1' });
    expect(api.seen[0]!.body!.events[0]).toMatchObject({
      type: 'identify',
      userId: 'crm-42',
      traits: { plan: 'pro' },
    });
    await expect(ninetailed.identify('', undefined, { profileId: 'p1' })).rejects.toThrow(
      /\[ninetailed\] traits: give traits, an alias, or both/,
    );
    expect(onError).toHaveBeenCalledWith(expect.any(NinetailedInputError));
    expect(api.seen).toHaveLength(1);
  });

  it('identify strips contact info with privacy.contactInfo "strip", and warns by default', async () => {
    const api = fetchDouble().next(okProfile('p1')).next(okProfile('p1'));
    const onLog = vi.fn();
    await client(api, { privacy: { contactInfo: 'strip' } }).identify('', {
      email: 'jane@example.com',
      plan: 'pro',
    });
    expect(api.seen[0]!.body!.events[0]!.traits).toEqual({ plan: 'pro' });
    await client(api, { onLog }).identify('', { email: 'jane@example.com' });
    expect(api.seen[1]!.body!.events[0]!.traits).toEqual({ email: 'jane@example.com' });
    expect(onLog).toHaveBeenCalledWith(expect.stringMatching(/^\[ninetailed\] identify: .*email/), 'warn');
  });

  it('preflight: ?type=preflight with a page event of the request', async () => {
    const api = fetchDouble().next(
      okProfile('p1', { changes: [{ type: 'Variable', key: 'cta-color', value: 'green' }] }),
    );
    const request = new Request(href, {
      headers: {
        referer: 'https://news.example/',
        'user-agent': 'UA/1',
        'accept-language': 'fr-CH, fr;q=0.9, en;q=0.8',
      },
    });
    const result = await client(api, { locale: 'en' }).preflight({
      profileId: 'p1',
      context: requestContext(request),
      properties: { category: 'news' },
    });
    expect(result.changes).toEqual([{ type: 'Variable', key: 'cta-color', value: 'green' }]);
    expect(api.seen[0]!.url).toBe(`${API}/profiles/p1?type=preflight&locale=en`);
    expect(api.seen[0]!.body!.events[0]).toMatchObject({
      type: 'page',
      properties: { url: href, path: '/blog/post-1', category: 'news', referrer: 'https://news.example/' },
      context: { userAgent: 'UA/1', locale: 'fr-CH' },
    });
  });

  it('consent: false flags the events and allows no enrichment', async () => {
    const api = fetchDouble().next(okProfile('p1')).next(okProfile('p1'));
    await client(api, { consent: false }).track('a', {}, { profileId: 'p1' });
    await client(api).track('a', {}, { profileId: 'p1', consent: false });
    for (const request of api.seen) {
      expect(request.body!.options).toEqual({});
      expect(request.body!.events[0]!.context).toMatchObject({ gdpr: { isConsentGiven: false } });
    }
  });

  it('getProfile reads without an event; ids and names are encoded in the path', async () => {
    const api = fetchDouble().next(okProfile('a/b'));
    const ninetailed = client(api, { url: 'https://proxy.example/x/', environment: 'stag ing' });
    await ninetailed.getProfile('a/b', { locale: 'de' });
    expect(api.seen[0]).toMatchObject({
      method: 'GET',
      url: 'https://proxy.example/x/v2/organizations/demo/environments/stag%20ing/profiles/a%2Fb?locale=de',
      body: undefined,
    });
  });

  it('bad arguments reject with NinetailedInputError naming them; nothing is sent', async () => {
    const api = fetchDouble();
    const onError = vi.fn();
    const ninetailed = client(api, { onError });
    const cases: Array<[() => Promise<unknown>, RegExp]> = [
      [() => ninetailed.track(''), /event: must be a non-empty name/],
      [() => ninetailed.track('a', { f: () => 1 } as never), /properties: "f" holds function/],
      [() => ninetailed.page({}, { profileId: '' }), /profileId: must be a profile id/],
      [() => ninetailed.page({}, { profileId: 'x'.repeat(257) }), /profileId/],
      [() => ninetailed.page({}, { ip: '1.2.3.4\r\nX-Evil: 1' }), /ip: must be an IP address/],
      [() => ninetailed.page({}, { locale: 'de DE' }), /locale: must be a BCP 47/],
      [() => ninetailed.page({}, { context: { url: 42 } as never }), /context\.url: must be a string/],
      [
        () => ninetailed.page({}, { context: { query: { a: 1 } } as never }),
        /context\.query: must be an object of strings/,
      ],
      [() => ninetailed.page({}, { context: 'x' as never }), /context: must be a plain object/],
      [() => ninetailed.page({ big: 'x'.repeat(40_000) }), /larger than 32 KB/],
      [() => ninetailed.page({}, 'x' as never), /options: must be a plain object/],
      [() => ninetailed.getProfile(undefined as never), /profileId: must be/],
    ];
    for (const [call, message] of cases) {
      await expect(call()).rejects.toThrow(message);
    }
    expect(onError).toHaveBeenCalledTimes(cases.length);
    expect(onError.mock.calls.every(([error]) => error instanceof NinetailedInputError)).toBe(true);
  });

  it('cuts oversized visitor headers to the API limits instead of failing', async () => {
    const api = fetchDouble().next(okProfile('p1'));
    await client(api).page({}, { profileId: 'p1', context: { userAgent: 'u'.repeat(10_000) } });
    expect((api.seen[0]!.body!.events[0]!.context as { userAgent: string }).userAgent).toHaveLength(4096);
  });

  it('refuses a bad configuration at construction, naming the option', () => {
    const bad: Array<[Partial<NinetailedServerOptions>, string]> = [
      [{ clientId: '' }, 'clientId'],
      [{ environment: ' ' }, 'environment'],
      [{ url: 'ftp://x' }, 'url'],
      [{ requestTimeout: 0 }, 'requestTimeout'],
      [{ totalTimeout: Number.NaN }, 'totalTimeout'],
      [{ retries: 11 }, 'retries'],
      [{ retries: 1.5 }, 'retries'],
      [{ locale: 'a b' }, 'locale'],
      [{ consent: 'yes' as never }, 'consent'],
    ];
    for (const [options, option] of bad) {
      let error: unknown;
      try {
        new NinetailedServer({ clientId: 'demo', ...options });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(NinetailedConfigError);
      expect((error as NinetailedConfigError).option).toBe(option);
    }
  });

  it('uses globalThis.fetch, looked up at each request', async () => {
    const api = fetchDouble().next(okProfile('p1'));
    const ninetailed = new NinetailedServer({ clientId: 'demo' });
    vi.stubGlobal('fetch', api.fetch);
    await expect(ninetailed.track('a')).resolves.toMatchObject({ profile: { id: 'p1' } });
  });
});
