/**
 * Every leaf and operator of section 7, evaluated directly on a profile's facts (the HTTP path
 * is covered by audiences.test.ts). Events go through `factsOf` and `splitSessions` exactly as
 * the server stores and reads them.
 */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../src/config/config';
import { matchesRule } from '../src/domain/audiences';
import { splitSessions } from '../src/domain/sessions';
import type { ExperienceEvent, GeoLocation, JsonObject } from '../src/domain/types';
import { factsOf, type StoredEvent } from '../src/store/store';
import { events } from './helpers';

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60_000;
const NOW = Date.UTC(2026, 5, 1);

type Timed = { at: number; event: Record<string, unknown> };

function facts(history: Timed[], traits: JsonObject = {}, location: GeoLocation = {}) {
  const stored: StoredEvent[] = history.map(({ at, event }, seq) => ({
    seq,
    profileId: 'p',
    messageId: String(event.messageId),
    receivedAt: at,
    event: factsOf(event as unknown as ExperienceEvent),
  }));
  return { events: stored, traits, location, sessions: splitSessions(stored), now: NOW };
}

/** A page event whose context (page, campaign) is set as the SDK sets it. */
function page(path: string, properties: JsonObject = {}, context: JsonObject = {}) {
  const event = events.page(path, properties);
  return { ...event, context: { ...(event.context as JsonObject), ...context } };
}

const matches = (rule: Rule, history: Timed[], traits?: JsonObject, location?: GeoLocation) =>
  matchesRule(rule, facts(history, traits, location));

describe('page leaf', () => {
  it('where on custom keys and on the page fields, with equality or one operator', () => {
    const history = [
      {
        at: NOW,
        event: page(
          '/blog/a',
          { category: 'news', title: 'Hello', search: '?q=1', referrer: 'https://ref.test/' },
          {},
        ),
      },
    ];
    const yes: Rule[] = [
      { page: { where: { category: 'news' } } },
      { page: { where: { path: '/blog/a' } } },
      { page: { where: { url: { contains: '4310/blog' } } } },
      { page: { where: { title: { in: ['Hi', 'Hello'] } } } },
      { page: { where: { search: { ne: '' } } } },
      { page: { where: { referrer: { contains: 'ref.test' } } } },
      { page: { where: { category: { exists: true }, path: { contains: '/blog/' } } } },
      { page: { where: { author: { exists: false } } } },
    ];
    for (const rule of yes) expect(matches(rule, history), JSON.stringify(rule)).toBe(true);
    const no: Rule[] = [
      { page: { where: { category: 'sport' } } },
      { page: { where: { path: { contains: '/shop/' } } } },
      { page: { where: { title: { in: ['Bye'] } } } },
      { page: { where: { category: 'news', path: '/other' } } },
    ];
    for (const rule of no) expect(matches(rule, history), JSON.stringify(rule)).toBe(false);
  });

  it('falls back to context.page for page fields the properties lack', () => {
    const event = { ...events.page('/x'), properties: { category: 'news' } };
    const history = [
      {
        at: NOW,
        event: {
          ...event,
          context: { page: { path: '/from-context', url: '', search: '', query: {}, referrer: '' } },
        },
      },
    ];
    expect(matches({ page: { where: { path: '/from-context', category: 'news' } } }, history)).toBe(true);
  });

  it('count bounds (gte, lte, eq; default gte 1) and withinDays by receive time', () => {
    const history = [
      { at: NOW - 10 * DAY, event: page('/1', { category: 'news' }) },
      { at: NOW - 2 * DAY, event: page('/2', { category: 'news' }) },
      { at: NOW - 7 * DAY, event: page('/3', { category: 'news' }) },
      { at: NOW, event: page('/4', { category: 'sport' }) },
    ];
    const news = { category: 'news' };
    expect(matches({ page: {} }, [])).toBe(false);
    expect(matches({ page: {} }, history)).toBe(true);
    expect(matches({ page: { where: news, count: { eq: 3 } } }, history)).toBe(true);
    expect(matches({ page: { where: news, count: { gte: 4 } } }, history)).toBe(false);
    expect(matches({ page: { where: news, count: { lte: 2 } } }, history)).toBe(false);
    expect(matches({ page: { where: news, count: { gte: 1, lte: 3 } } }, history)).toBe(true);
    // The 7-day window includes its boundary (exactly 7 days ago) and excludes day 10.
    expect(matches({ page: { where: news, withinDays: 7, count: { eq: 2 } } }, history)).toBe(true);
    expect(matches({ page: { where: news, withinDays: 1 } }, history)).toBe(false);
    // `lte` with a window: zero matching pages is within { lte: 0 }.
    expect(matches({ page: { where: news, withinDays: 1, count: { lte: 0 } } }, history)).toBe(true);
  });
});

describe('track leaf', () => {
  it('event name, where on properties, count and withinDays', () => {
    const history = [
      { at: NOW - 40 * DAY, event: events.track('add_to_cart', { price: 500 }) },
      { at: NOW - 3 * DAY, event: events.track('add_to_cart', { price: 120, tags: ['sale'] }) },
      { at: NOW, event: events.track('add_to_cart', { price: 20 }) },
      { at: NOW, event: events.track('checkout', { price: 999 }) },
    ];
    expect(matches({ track: { event: 'add_to_cart' } }, history)).toBe(true);
    expect(matches({ track: { event: 'remove_from_cart' } }, history)).toBe(false);
    expect(matches({ track: { event: 'add_to_cart', count: { eq: 3 } } }, history)).toBe(true);
    expect(matches({ track: { event: 'add_to_cart', withinDays: 30, count: { eq: 2 } } }, history)).toBe(
      true,
    );
    expect(
      matches(
        { track: { event: 'add_to_cart', where: { price: { gte: 100 } }, count: { gte: 2 } } },
        history,
      ),
    ).toBe(true);
    expect(
      matches(
        {
          track: { event: 'add_to_cart', where: { price: { gte: 100 } }, withinDays: 30, count: { gte: 2 } },
        },
        history,
      ),
    ).toBe(false);
    expect(matches({ track: { event: 'add_to_cart', where: { tags: { contains: 'sale' } } } }, history)).toBe(
      true,
    );
    expect(matches({ track: { event: 'add_to_cart', where: { price: 999 } } }, history)).toBe(false);
    // A page event with the same "event" word is not a track event.
    expect(
      matches({ track: { event: 'x' } }, [{ at: NOW, event: { ...events.page('/'), event: 'x' } }]),
    ).toBe(false);
  });
});

describe('trait leaf', () => {
  const traits = { age: 30, address: { city: 'Berlin' }, tags: ['vip'], plan: 'pro', name: 'Ada', zero: 0 };
  it.each<[Rule, boolean]>([
    [{ trait: { key: 'address.city', eq: 'Berlin' } }, true],
    [{ trait: { key: 'address.zip', eq: 'Berlin' } }, false],
    [{ trait: { key: 'plan', ne: 'free' } }, true],
    [{ trait: { key: 'plan', in: ['team', 'pro'] } }, true],
    [{ trait: { key: 'tags', contains: 'vip' } }, true],
    [{ trait: { key: 'name', contains: 'd' } }, true],
    [{ trait: { key: 'age', gt: 30 } }, false],
    [{ trait: { key: 'age', gte: 30 } }, true],
    [{ trait: { key: 'age', lt: 31 } }, true],
    [{ trait: { key: 'age', lte: 29 } }, false],
    [{ trait: { key: 'name', gt: 'Ab' } }, true],
    [{ trait: { key: 'zero', exists: true } }, true],
    [{ trait: { key: 'missing', exists: false } }, true],
    [{ trait: { key: 'address', eq: { city: 'Berlin' } } }, true],
  ])('%j → %s', (rule, expected) => {
    expect(matches(rule, [], traits)).toBe(expected);
  });
});

describe('session, campaign, referrer and location leaves', () => {
  it('session: isReturningVisitor and count bounds', () => {
    const one = [{ at: NOW, event: page('/') }];
    const two = [
      { at: NOW - 2 * DAY, event: page('/') },
      { at: NOW, event: page('/') },
    ];
    expect(matches({ session: { isReturningVisitor: false } }, one)).toBe(true);
    expect(matches({ session: { isReturningVisitor: true } }, two)).toBe(true);
    expect(matches({ session: { isReturningVisitor: true, count: { gte: 3 } } }, two)).toBe(false);
    expect(matches({ session: { count: { eq: 2 } } }, two)).toBe(true);
    expect(matches({ session: { count: { lte: 1 } } }, two)).toBe(false);
  });

  it('campaign: matched against the campaign of any page event (not track events)', () => {
    const spring = {
      campaign: { name: 'spring', source: 'google', medium: 'cpc', term: 'shoes', content: 'a' },
    };
    const history = [
      { at: NOW - 5 * MINUTE, event: page('/?utm_campaign=spring', {}, spring) },
      { at: NOW, event: page('/later', {}, { campaign: {} }) },
    ];
    expect(matches({ campaign: { name: 'spring', source: 'google' } }, history)).toBe(true);
    expect(matches({ campaign: { medium: 'cpc', term: 'shoes', content: 'a' } }, history)).toBe(true);
    expect(matches({ campaign: { name: 'spring', source: 'bing' } }, history)).toBe(false);
    const onTrack = [{ at: NOW, event: { ...events.track('x'), context: spring } }];
    expect(matches({ campaign: { name: 'spring' } }, onTrack)).toBe(false);
  });

  it('referrer: contains, on the landing referrer of any session (not of later pages)', () => {
    const history = [
      // Session 1 landed from Google.
      { at: NOW - 3 * DAY, event: page('/a', { referrer: 'https://www.google.com/search' }) },
      // Session 2 landed directly; a later page in it came from Bing.
      { at: NOW, event: page('/b', { referrer: '' }) },
      { at: NOW + MINUTE, event: page('/c', { referrer: 'https://bing.com/' }) },
    ];
    expect(matches({ referrer: { contains: 'google.' } }, history)).toBe(true);
    expect(matches({ referrer: { contains: 'bing.' } }, history)).toBe(false);
    expect(matches({ referrer: { contains: '' } }, [{ at: NOW, event: page('/', { referrer: '' }) }])).toBe(
      false,
    );
  });

  it('location: equality on every given key', () => {
    const location = { countryCode: 'DE', city: 'Köln', region: 'NRW', continent: 'EU' };
    expect(matches({ location: { countryCode: 'DE' } }, [], {}, location)).toBe(true);
    expect(matches({ location: { city: 'Köln', region: 'NRW', continent: 'EU' } }, [], {}, location)).toBe(
      true,
    );
    expect(matches({ location: { countryCode: 'DE', city: 'Berlin' } }, [], {}, location)).toBe(false);
    expect(matches({ location: { countryCode: 'de' } }, [], {}, location)).toBe(false);
    expect(matches({ location: { continent: 'EU' } }, [], {}, {})).toBe(false);
  });

  it('all, any and not combine', () => {
    const traits = { plan: 'pro' };
    const pro: Rule = { trait: { key: 'plan', eq: 'pro' } };
    const free: Rule = { trait: { key: 'plan', eq: 'free' } };
    expect(matches({ all: [pro, { not: free }] }, [], traits)).toBe(true);
    expect(matches({ all: [pro, free] }, [], traits)).toBe(false);
    expect(matches({ any: [free, pro] }, [], traits)).toBe(true);
    expect(matches({ not: { any: [free, pro] } }, [], traits)).toBe(false);
  });
});
