/**
 * The profile read model (issue 16): audiences and session statistics answered from a digest
 * folded event by event (stored as JSON between requests) equal those computed from the whole
 * history, over generated histories and a configuration that uses every history-reading leaf.
 */
import { describe, expect, it } from 'vitest';
import { prng } from '../scripts/prng.mjs';
import type { AudienceDefinition } from '../src/config/config';
import { evaluateAudiences } from '../src/domain/audiences';
import {
  digestLeaves,
  digestOf,
  digestSessionStatistics,
  digestView,
  emptyDigest,
  foldEvent,
  type ProfileDigest,
} from '../src/domain/profileDigest';
import { sessionStatistics, splitSessions } from '../src/domain/sessions';
import type { ExperienceEvent } from '../src/domain/types';
import { factsOf, type StoredEvent } from '../src/store/store';
import { events } from './helpers';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

const AUDIENCES: AudienceDefinition[] = [
  { id: 'news', rule: { page: { where: { category: 'news' }, count: { gte: 3 } } } },
  { id: 'news-week', rule: { page: { where: { category: 'news' }, count: { gte: 2 }, withinDays: 7 } } },
  { id: 'few-pages-today', rule: { page: { count: { lte: 2 }, withinDays: 1 } } },
  { id: 'exactly-two-buys', rule: { track: { event: 'buy', count: { eq: 2 }, withinDays: 3 } } },
  { id: 'big-cart', rule: { track: { event: 'add_to_cart', where: { price: { gte: 50 } } } } },
  { id: 'returning', rule: { session: { isReturningVisitor: true } } },
  { id: 'three-sessions', rule: { session: { count: { gte: 3 } } } },
  { id: 'newsletter', rule: { campaign: { source: 'newsletter' } } },
  { id: 'from-search', rule: { referrer: { contains: 'search.test' } } },
  {
    id: 'nested',
    rule: {
      all: [
        { any: [{ track: { event: 'signup' } }, { referrer: { contains: 'social.test' } }] },
        { not: { page: { where: { path: '/pricing' }, withinDays: 2 } } },
      ],
    },
  },
];

/** A random history: pages, tracks and identifies with gaps from seconds to days. */
function history(random: () => number, length: number, start: number): StoredEvent[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let at = start;
  const stored: StoredEvent[] = [];
  for (let seq = 0; seq < length; seq++) {
    const gap = pick([5_000, 90_000, 20 * MINUTE, 31 * MINUTE, 5 * 60 * MINUTE, 2 * DAY, 0]);
    at += Math.floor(random() * gap);
    const kind = random();
    let event: ExperienceEvent;
    if (kind < 0.55) {
      const path = pick(['/', '/blog/a', '/pricing', '/shop']);
      const referrer = pick(['', 'https://search.test/?q=1', 'https://social.test/p']);
      const base = events.page(path, {
        category: pick(['news', 'shop', undefined]),
        referrer,
      }) as unknown as ExperienceEvent;
      event = {
        ...base,
        context: {
          ...base.context,
          page: {
            ...(base.context?.page as NonNullable<NonNullable<ExperienceEvent['context']>['page']>),
            referrer,
          },
          campaign: random() < 0.1 ? { source: pick(['newsletter', 'ads']) } : {},
        },
      };
    } else if (kind < 0.9) {
      const name = pick(['buy', 'add_to_cart', 'signup']);
      event = events.track(name, { price: Math.floor(random() * 100) }) as unknown as ExperienceEvent;
    } else {
      event = events.identify('', { plan: 'pro' }) as unknown as ExperienceEvent;
    }
    stored.push({ seq, profileId: 'p', messageId: event.messageId, receivedAt: at, event: factsOf(event) });
  }
  return stored;
}

describe('profile digest', () => {
  const leaves = digestLeaves(AUDIENCES);

  it('answers audiences and sessions as the whole history does, folded request by request through JSON', () => {
    const random = prng(7);
    let memberships = 0;
    for (let profile = 0; profile < 300; profile++) {
      const stored = history(random, 1 + Math.floor(random() * 60), Date.UTC(2026, 0, 1));
      // Fold in requests of 1 to 5 events, the digest stored as JSON between them.
      let json = JSON.stringify(emptyDigest(leaves));
      for (let i = 0; i < stored.length; ) {
        const digest = JSON.parse(json) as ProfileDigest;
        const size = 1 + Math.floor(random() * 5);
        for (const event of stored.slice(i, i + size)) foldEvent(digest, leaves, event);
        i += size;
        json = JSON.stringify(digest);
      }
      const digest = JSON.parse(json) as ProfileDigest;
      const last = stored[stored.length - 1]?.receivedAt ?? 0;
      for (const now of [last, last + Math.floor(random() * 4 * DAY)]) {
        const sessions = splitSessions(stored);
        const expected = evaluateAudiences(AUDIENCES, {
          events: stored,
          traits: {},
          location: {},
          sessions,
          now,
        });
        expect(evaluateAudiences(AUDIENCES, digestView(digest, leaves, {}, {}, now))).toEqual(expected);
        memberships += expected.length;
      }
      expect(digestSessionStatistics(digest, 'p')).toEqual(sessionStatistics(splitSessions(stored), 'p'));
      expect(digestOf(stored, leaves)).toEqual(digest);
    }
    // The generated histories reach every audience and miss it too.
    expect(memberships).toBeGreaterThan(300);
    for (const audience of AUDIENCES) {
      const random2 = prng(11);
      const hits = Array.from({ length: 200 }, () => {
        const stored = history(random2, 1 + Math.floor(random2() * 60), 0);
        const now = stored[stored.length - 1]?.receivedAt ?? 0;
        return evaluateAudiences([audience], digestView(digestOf(stored, leaves), leaves, {}, {}, now))
          .length;
      });
      expect(hits, audience.id).toContain(1);
      expect(hits, audience.id).toContain(0);
    }
  });

  it('keeps a bounded digest however long the history: windowed leaves hold at most one more time than their largest bound', () => {
    const random = prng(3);
    const stored = history(random, 20_000, 0);
    const digest = digestOf(stored, leaves);
    const bytes = JSON.stringify(digest).length;
    expect(bytes).toBeLessThan(2_000);
    for (const value of Object.values(digest.leaves)) {
      if (Array.isArray(value)) expect(value.length).toBeLessThanOrEqual(4);
    }
  });

  it('is keyed by the configuration: other leaves give another key, the same leaves the same', () => {
    const other = digestLeaves([...AUDIENCES, { id: 'x', rule: { track: { event: 'x' } } }]);
    expect(other.key).not.toBe(leaves.key);
    expect(digestLeaves(structuredClone(AUDIENCES)).key).toBe(leaves.key);
    // Trait and location rules read no history: they change no key.
    expect(digestLeaves([...AUDIENCES, { id: 't', rule: { trait: { key: 'plan', eq: 'pro' } } }]).key).toBe(
      leaves.key,
    );
  });
});
