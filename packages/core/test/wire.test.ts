import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIBRARY_NAME, LIBRARY_VERSION } from '../src/index';
import { BASE, errorReply, NOW, setup, UUID_V4 } from './helpers';

const TIME = new Date(NOW).toISOString();

const context = (href: string, extra: Record<string, unknown> = {}) => {
  const url = new URL(href);
  return {
    library: { name: '@ninetailed/experience.js', version: LIBRARY_VERSION },
    userAgent: 'test-agent/1.0',
    locale: 'de-DE',
    campaign: {},
    page: {
      url: href,
      path: url.pathname,
      search: url.search,
      query: Object.fromEntries(url.searchParams),
      referrer: 'https://ref.example/',
    },
    gdpr: { isConsentGiven: true },
    ...extra,
  };
};

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('wire format', () => {
  it('sends page with the page fields and the caller’s custom keys', async () => {
    const { api, ninetailed } = setup();
    api.ok();
    await ninetailed.page({ category: 'YOUR_BLOG_CATEGORY' });
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request!.url).toBe(BASE);
    expect(request!.init.method).toBe('POST');
    expect(request!.init.headers).toEqual({ 'Content-Type': 'text/plain' });
    expect(typeof request!.init.body).toBe('string');
    expect(request!.body).toEqual({
      events: [
        {
          type: 'page',
          channel: 'web',
          messageId: expect.stringMatching(UUID_V4),
          originalTimestamp: TIME,
          timestamp: TIME,
          sentAt: TIME,
          context: context('https://a.example/blog/post?x=1'),
          properties: {
            url: 'https://a.example/blog/post?x=1',
            path: '/blog/post',
            search: '?x=1',
            query: { x: '1' },
            referrer: 'https://ref.example/',
            title: 'Post',
            category: 'YOUR_BLOG_CATEGORY',
          },
        },
      ],
      options: { features: ['ip-enrichment', 'location'] },
    });
    expect(LIBRARY_NAME).toBe('@ninetailed/experience.js');
  });

  it('sends track with its name and properties ({} when none)', async () => {
    const { api, ninetailed } = setup();
    api.ok('p1', 2);
    await ninetailed.track('add_to_cart', { sku: '9T41L', quantity: 1 });
    await ninetailed.track('checkout');
    expect(api.events()).toEqual([
      {
        type: 'track',
        event: 'add_to_cart',
        properties: { sku: '9T41L', quantity: 1 },
        channel: 'web',
        messageId: expect.stringMatching(UUID_V4),
        originalTimestamp: TIME,
        timestamp: TIME,
        sentAt: TIME,
        context: context('https://a.example/blog/post?x=1'),
      },
      expect.objectContaining({ type: 'track', event: 'checkout', properties: {} }),
    ]);
  });

  it('sends identify with traits only, and with an alias', async () => {
    const { api, ninetailed } = setup();
    api.ok('p1', 2);
    await ninetailed.identify('', { favoriteColor: 'red' });
    await ninetailed.identify('anAlias', { someTrait: 'value' });
    expect(api.events()).toEqual([
      {
        type: 'identify',
        userId: '',
        traits: { favoriteColor: 'red' },
        channel: 'web',
        messageId: expect.stringMatching(UUID_V4),
        originalTimestamp: TIME,
        timestamp: TIME,
        sentAt: TIME,
        context: context('https://a.example/blog/post?x=1'),
      },
      expect.objectContaining({ type: 'identify', userId: 'anAlias', traits: { someTrait: 'value' } }),
    ]);
    expect(api.events().map((e) => e.messageId)).toEqual([...new Set(api.events().map((e) => e.messageId))]);
  });

  it("identify('') without traits sends nothing and resolves", async () => {
    const { api, ninetailed } = setup();
    await expect(ninetailed.identify('')).resolves.toEqual({ success: true });
    await expect(ninetailed.identify('', {})).resolves.toEqual({ success: true });
    await ninetailed.flush();
    expect(api.requests).toHaveLength(0);
  });

  it('sets sentAt when the request leaves, not at call time', async () => {
    const { api, ninetailed } = setup();
    const first = api.hold();
    api.ok();
    const a = ninetailed.page();
    await vi.advanceTimersByTimeAsync(0);
    vi.setSystemTime(NOW + 1000);
    const b = ninetailed.track('later');
    vi.setSystemTime(NOW + 3000);
    first.release();
    await Promise.all([a, b]);
    const [, second] = api.requests;
    expect(second!.body.events[0]).toMatchObject({
      originalTimestamp: new Date(NOW + 1000).toISOString(),
      timestamp: new Date(NOW + 1000).toISOString(),
      sentAt: new Date(NOW + 3000).toISOString(),
    });
  });

  it('stamps sentAt again when a retry leaves (the call time stays)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1); // no jitter: the retry leaves after exactly 1 s
    const { api, ninetailed } = setup();
    api.next(() => errorReply(503, 'ERR_INTERNAL_SERVER_ERROR'));
    api.ok();
    await ninetailed.track('a');
    await vi.advanceTimersByTimeAsync(1000);
    const [first, retry] = api.events();
    expect(retry!.messageId).toBe(first!.messageId);
    expect([first, retry].map((e) => [e!.originalTimestamp, e!.timestamp, e!.sentAt])).toEqual([
      [TIME, TIME, TIME],
      [TIME, TIME, new Date(NOW + 1000).toISOString()],
    ]);
  });

  it('stamps sentAt again when events are re-sent after ERR_PROFILE_NOT_FOUND', async () => {
    const { api, ninetailed, storage } = setup();
    storage.setItem('__nt_anonymous_id__', '"gone"');
    api.next(() => {
      vi.setSystemTime(NOW + 250); // the answer took 250 ms
      return errorReply(404, 'ERR_PROFILE_NOT_FOUND');
    });
    api.ok('fresh');
    await ninetailed.track('a');
    expect(api.requests.map((r) => [r.url, r.body.events[0]!.sentAt])).toEqual([
      [`${BASE}/gone`, TIME],
      [BASE, new Date(NOW + 250).toISOString()],
    ]);
  });

  it('keeps a path prefix of `url`, encodes ids, and adds ?locale= only when set', async () => {
    const { api, ninetailed } = setup({
      url: 'https://proxy.example/x/',
      clientId: 'my org',
      environment: 'dev',
      locale: 'de-DE',
    });
    api.ok('p 1', 2);
    await ninetailed.page();
    await ninetailed.page();
    expect(api.requests.map((r) => r.url)).toEqual([
      'https://proxy.example/x/v2/organizations/my%20org/environments/dev/profiles?locale=de-DE',
      'https://proxy.example/x/v2/organizations/my%20org/environments/dev/profiles/p%201?locale=de-DE',
    ]);
  });

  it('captures context and properties at call time', async () => {
    const { api, ninetailed, location, document } = setup();
    const gate = api.hold();
    api.ok();
    const first = ninetailed.page();
    await vi.advanceTimersByTimeAsync(0);
    const properties = { list: [1], nested: { a: 1 } };
    const second = ninetailed.page(properties);
    // Navigate and mutate before the second event is sent.
    properties.list.push(2);
    properties.nested.a = 2;
    location.href = 'https://a.example/other';
    document.title = 'Other';
    gate.release();
    await Promise.all([first, second]);
    const sent = api.events()[1]!;
    expect(sent.properties).toMatchObject({ path: '/blog/post', title: 'Post', list: [1], nested: { a: 1 } });
    expect((sent.context as { page: { path: string } }).page.path).toBe('/blog/post');
  });

  it('lets custom page properties win over the page fields (for late titles in SPAs)', async () => {
    const { api, ninetailed } = setup();
    api.ok();
    await ninetailed.page({ title: 'Real title', query: { tab: 'reviews' } });
    expect(api.events()[0]!.properties).toMatchObject({
      title: 'Real title',
      path: '/blog/post',
      query: { tab: 'reviews' },
    });
  });
});

describe('context', () => {
  it('parses the campaign from utm_* keys, and query with the last repeated value', async () => {
    const href =
      'https://a.example/landing?utm_campaign=spring&utm_source=google&utm_medium=cpc&utm_term=shoes&utm_content=ad1&utm_id=42&x=1&x=2&q=a+b#top';
    const { api, ninetailed } = setup({ location: { href } });
    api.ok();
    await ninetailed.page();
    const context = api.events()[0]!.context as { campaign: unknown; page: unknown };
    expect(context.campaign).toEqual({
      name: 'spring',
      source: 'google',
      medium: 'cpc',
      term: 'shoes',
      content: 'ad1',
      id: '42',
    });
    expect(context.page).toEqual({
      url: href,
      path: '/landing',
      search:
        '?utm_campaign=spring&utm_source=google&utm_medium=cpc&utm_term=shoes&utm_content=ad1&utm_id=42&x=1&x=2&q=a+b',
      query: {
        utm_campaign: 'spring',
        utm_source: 'google',
        utm_medium: 'cpc',
        utm_term: 'shoes',
        utm_content: 'ad1',
        utm_id: '42',
        x: '2',
        q: 'a b',
      },
      referrer: 'https://ref.example/',
    });
  });

  it('falls back to navigator.language and tolerates an unparsable href', async () => {
    const { api, ninetailed } = setup({
      location: { href: 'not a url' },
      navigator: { userAgent: 'ua', language: 'fr' },
      document: { title: '', referrer: '' },
    });
    api.ok();
    await ninetailed.page();
    const event = api.events()[0]!;
    expect(event.context).toMatchObject({
      locale: 'fr',
      userAgent: 'ua',
      campaign: {},
      page: { url: 'not a url', path: '', search: '', query: {}, referrer: '' },
    });
  });

  it('says the consent truthfully on the wire, and asks for enrichment with it', async () => {
    const { api, ninetailed } = setup();
    api.ok();
    await ninetailed.page();
    expect(api.events()[0]!.context).toMatchObject({ gdpr: { isConsentGiven: true } });
    expect(api.requests[0]!.body.options).toEqual({ features: ['ip-enrichment', 'location'] });
  });
});
