import { describe, expect, it } from 'vitest';
import type { ExperienceConfig } from '../src/config/config';
import { matchesValue } from '../src/domain/audiences';
import { events, startTestServer } from './helpers';

const DAY = 24 * 60 * 60 * 1000;

const config: ExperienceConfig = {
  organizations: {
    demo: {
      environments: {
        main: {
          audiences: [
            { id: 'news-3', rule: { page: { where: { category: 'news' }, count: { gte: 3 } } } },
            { id: 'blog-path', rule: { page: { where: { path: { contains: '/blog/' } } } } },
            { id: 'exactly-2-pages', rule: { page: { count: { eq: 2 } } } },
            { id: 'at-most-1-page', rule: { page: { count: { lte: 1 } } } },
            { id: 'recent-news', rule: { page: { where: { category: 'news' }, withinDays: 7 } } },
            {
              id: 'big-cart',
              rule: {
                track: {
                  event: 'add_to_cart',
                  where: { price: { gte: 100 } },
                  count: { gte: 2 },
                  withinDays: 30,
                },
              },
            },
            { id: 'any-cart', rule: { track: { event: 'add_to_cart' } } },
            { id: 'adult', rule: { trait: { key: 'age', gte: 18 } } },
            { id: 'berliner', rule: { trait: { key: 'address.city', eq: 'Berlin' } } },
            { id: 'nordic', rule: { trait: { key: 'country', in: ['SE', 'NO', 'DK'] } } },
            { id: 'vip-tag', rule: { trait: { key: 'tags', contains: 'vip' } } },
            { id: 'not-free', rule: { trait: { key: 'plan', ne: 'free' } } },
            { id: 'has-email', rule: { trait: { key: 'email', exists: true } } },
            { id: 'two-sessions', rule: { session: { count: { gte: 2 } } } },
            { id: 'newcomer', rule: { session: { isReturningVisitor: false } } },
            { id: 'spring', rule: { campaign: { name: 'spring', source: 'google' } } },
            { id: 'from-google', rule: { referrer: { contains: 'google.' } } },
            { id: 'germany', rule: { location: { countryCode: 'DE' } } },
            {
              id: 'combo',
              rule: {
                all: [
                  { any: [{ trait: { key: 'plan', eq: 'pro' } }, { trait: { key: 'plan', eq: 'team' } }] },
                  { not: { trait: { key: 'churned', eq: true } } },
                ],
              },
            },
          ],
        },
      },
    },
  },
};

function page(path: string, properties: Record<string, unknown> = {}, context: Record<string, unknown> = {}) {
  const event = events.page(path, properties);
  return { ...event, context: { ...(event.context as object), ...context } };
}

describe('audiences from the configuration, evaluated after every write', () => {
  it('page counts with property filters, bounds and time windows', async () => {
    const api = await startTestServer({ config });
    const start = api.clock.now;
    const p1 = (await api.post('/profiles', { events: [page('/blog/a', { category: 'news' })] })).body.data
      .profile;
    // `plan` ne 'free' holds while there is no plan at all.
    expect(p1.audiences).toEqual(['blog-path', 'at-most-1-page', 'recent-news', 'not-free', 'newcomer']);

    const p2 = (await api.post(`/profiles/${p1.id}`, { events: [page('/b', { category: 'sport' })] })).body
      .data.profile;
    expect(p2.audiences).toEqual(['blog-path', 'exactly-2-pages', 'recent-news', 'not-free', 'newcomer']);

    const p3 = (
      await api.post(`/profiles/${p1.id}`, {
        events: [page('/c', { category: 'news' }), page('/d', { category: 'news' })],
      })
    ).body.data.profile;
    expect(p3.audiences).toContain('news-3');
    expect(p3.audiences).not.toContain('exactly-2-pages');

    // Eight days later (a new session), the news pages are out of the 7-day window.
    api.clock.now = start + 8 * DAY;
    const later = (await api.post(`/profiles/${p1.id}`, { events: [events.track('noop')] })).body.data
      .profile;
    expect(later.audiences).toContain('news-3');
    expect(later.audiences).not.toContain('recent-news');
    expect(later.audiences).toContain('two-sessions');
    expect(later.audiences).not.toContain('newcomer');
  });

  it('track counts with property filters and a time window', async () => {
    const api = await startTestServer({ config });
    const start = api.clock.now;
    const p = (
      await api.post('/profiles', {
        events: [events.track('add_to_cart', { price: 150 }), events.track('add_to_cart', { price: 20 })],
      })
    ).body.data.profile;
    expect(p.audiences).toContain('any-cart');
    expect(p.audiences).not.toContain('big-cart');

    api.clock.now = start + 10 * DAY;
    const big = (
      await api.post(`/profiles/${p.id}`, { events: [events.track('add_to_cart', { price: 300 })] })
    ).body.data.profile;
    expect(big.audiences).toContain('big-cart');

    // 31 days after the first big one, only one big add-to-cart is within 30 days.
    api.clock.now = start + 31 * DAY;
    const read = (await api.get(`/profiles/${p.id}`)).body.data.profile;
    expect(read.audiences).not.toContain('big-cart');
    expect(read.audiences).toContain('any-cart');
  });

  it('trait operators: gte, dot paths, in, contains, ne, exists', async () => {
    const api = await startTestServer({ config });
    const traits = {
      age: 30,
      address: { city: 'Berlin' },
      country: 'NO',
      tags: ['new', 'vip'],
      plan: 'pro',
      email: 'a@b.test',
    };
    const p = (await api.post('/profiles', { events: [events.identify('', traits)] })).body.data.profile;
    expect(p.audiences).toEqual([
      'at-most-1-page',
      'adult',
      'berliner',
      'nordic',
      'vip-tag',
      'not-free',
      'has-email',
      'newcomer',
      'combo',
    ]);

    const other = (
      await api.post('/profiles', {
        events: [events.identify('', { age: '30', plan: 'free', tags: 'vip', email: null, churned: true })],
      })
    ).body.data.profile;
    // '30' is a string, not a number; 'vip' is a string containing 'vip'.
    expect(other.audiences).toEqual(['at-most-1-page', 'vip-tag', 'newcomer']);
  });

  it('campaign, landing referrer and location', async () => {
    const api = await startTestServer({ config });
    const p = (
      await api.post('/profiles', {
        events: [
          page(
            '/?utm_campaign=spring&utm_source=google',
            { referrer: 'https://www.google.de/' },
            {
              campaign: { name: 'spring', source: 'google', medium: 'cpc' },
              location: { countryCode: 'DE', city: 'Köln' },
            },
          ),
        ],
      })
    ).body.data.profile;
    expect(p.audiences).toEqual(expect.arrayContaining(['spring', 'from-google', 'germany']));

    const q = (
      await api.post('/profiles', {
        events: [
          page('/', { referrer: 'https://bing.com/' }, { campaign: { name: 'spring', source: 'bing' } }),
        ],
      })
    ).body.data.profile;
    expect(q.audiences).not.toEqual(expect.arrayContaining(['spring']));
    expect(q.audiences).not.toContain('from-google');
    expect(q.audiences).not.toContain('germany');
  });

  it('the demo configuration answers the example apps\u2019 audiences', async () => {
    const api = await startTestServer();
    const p = (
      await api.post('/profiles', {
        events: [
          ...[1, 2, 3].map((n) => page(`/blog/${n}`, { category: 'news' })),
          events.track('add_to_cart', { sku: 'x' }),
          events.identify('', { favoriteColor: 'red' }),
        ],
      })
    ).body.data.profile;
    expect(p.audiences).toEqual(['news-readers', 'blog-readers', 'cart-adders', 'red-fans']);
  });
});

describe('matchesValue', () => {
  it.each([
    ['abc', { contains: 'b' }, true],
    [['a', { x: 1 }], { contains: { x: 1 } }, true],
    [5, { contains: 5 }, false],
    [undefined, { exists: false }, true],
    [null, { exists: true }, false],
    [0, { exists: true }, true],
    ['b', { gt: 'a' }, true],
    [2, { lt: 3 }, true],
    [3, { lte: 3 }, true],
    [3, { gt: '2' }, false],
    [{ a: [1] }, { eq: { a: [1] } }, true],
    [{ a: [1] }, { ne: { a: [2] } }, true],
    [undefined, { ne: 'x' }, true],
  ])('%j %j → %s', (actual, matcher, expected) => {
    expect(matchesValue(actual, matcher)).toBe(expected);
  });
});
