import { createHash } from 'node:crypto';
import type { EventFacts, StoredEvent } from '../store/store';
import { isObject } from './json';
import type { PageInfo, SessionStatistics } from './types';

/** A session ends after 30 minutes without events (section 6). */
export const SESSION_TIMEOUT_MS = 30 * 60 * 1000;

/** One session of a profile, reconstructed from its events. */
export interface Session {
  id: string;
  start: number;
  end: number;
  landingPage: PageInfo;
}

const EMPTY_PAGE: PageInfo = { path: '', url: '', query: {}, referrer: '', search: '' };

/**
 * Splits a profile's events (oldest first, by server receive time) into sessions: a gap of more
 * than 30 minutes starts a new one. Session ids derive from the first event's `messageId`, so
 * the same history always gives the same ids (also after a merge recombines histories).
 *
 * @example
 * const sessions = splitSessions(await tx.listEvents(profileId));
 */
export function splitSessions(events: readonly StoredEvent[]): Session[] {
  const sessions: Session[] = [];
  let current: (Session & { hasPage: boolean }) | undefined;
  for (const stored of events) {
    if (!current || stored.receivedAt - current.end > SESSION_TIMEOUT_MS) {
      current = {
        id: sessionId(stored.messageId),
        start: stored.receivedAt,
        end: stored.receivedAt,
        landingPage: pageOf(stored.event, false) ?? EMPTY_PAGE,
        hasPage: false,
      };
      sessions.push(current);
    }
    current.end = stored.receivedAt;
    // The landing page is the first page event of the session; until one arrives, the page the
    // first event was sent from stands in.
    if (!current.hasPage && stored.event.type === 'page') {
      current.landingPage = pageOf(stored.event, true) ?? current.landingPage;
      current.hasPage = true;
    }
  }
  return sessions.map(({ id, start, end, landingPage }) => ({ id, start, end, landingPage }));
}

/**
 * `profile.session` from the sessions of a profile (lengths in milliseconds).
 *
 * @example
 * const session = sessionStatistics(splitSessions(events), profile.id);
 */
export function sessionStatistics(sessions: readonly Session[], profileId: string): SessionStatistics {
  const last = sessions[sessions.length - 1];
  if (!last) {
    return {
      id: sessionId(`profile:${profileId}`),
      isReturningVisitor: false,
      landingPage: { ...EMPTY_PAGE, query: {} },
      count: 0,
      activeSessionLength: 0,
      averageSessionLength: 0,
    };
  }
  const total = sessions.reduce((sum, s) => sum + (s.end - s.start), 0);
  return {
    id: last.id,
    isReturningVisitor: sessions.length > 1,
    landingPage: last.landingPage,
    count: sessions.length,
    activeSessionLength: last.end - last.start,
    averageSessionLength: Math.round(total / sessions.length),
  };
}

/**
 * The page an event describes: a page event's properties (falling back to its context), or
 * for other events the `context.page` they were sent from.
 *
 * @example
 * pageOf(pageEvent, true)?.path; // '/blog/a'
 */
export function pageOf(event: EventFacts, fromProperties: boolean): PageInfo | undefined {
  const context = event.context?.page;
  const props = fromProperties && isObject(event.properties) ? event.properties : undefined;
  if (!props && !context) return undefined;
  const pick = (key: 'url' | 'path' | 'search' | 'referrer'): string => {
    const value = props?.[key] ?? context?.[key];
    return typeof value === 'string' ? value : '';
  };
  const query = (props?.query ?? context?.query ?? {}) as Record<string, string>;
  return {
    path: pick('path'),
    url: pick('url'),
    query: { ...query },
    referrer: pick('referrer'),
    search: pick('search'),
  };
}

// Session ids of recent seeds: a profile's answer recomputes the id of every session in its
// latest events on each request; the hash is a pure function of the seed, so a hit is the same id.
const recentIds = new Map<string, string>();
const RECENT_IDS = 10_000;

function sessionId(seed: string): string {
  let id = recentIds.get(seed);
  if (id === undefined) {
    id = hashSessionId(seed);
    if (recentIds.size >= RECENT_IDS) recentIds.clear();
    recentIds.set(seed, id);
  }
  return id;
}

function hashSessionId(seed: string): string {
  const hex = createHash('sha256').update(`session:${seed}`).digest('hex');
  // Shaped as a UUID (version nibble 4, variant 8) so clients that expect one are content.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
