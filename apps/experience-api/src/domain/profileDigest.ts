import { createHash } from 'node:crypto';
import type { AudienceDefinition, Rule } from '../config/config';
import type { StoredEvent } from '../store/store';
import {
  type CampaignLeaf,
  type CountingLeaf,
  countCap,
  countsFor,
  fromCampaign,
  type RuleView,
} from './audiences';
import { EMPTY_PAGE, emptySessionStatistics, pageOf, SESSION_TIMEOUT_MS, sessionId } from './sessions';
import type { GeoLocation, JsonObject, PageInfo, SessionStatistics } from './types';

/** The session a profile is in, as its read model keeps it. */
interface CurrentSession {
  id: string;
  start: number;
  end: number;
  landingPage: PageInfo;
  /** Whether a page event set `landingPage` (until one does, the first event's page stands in). */
  hasPage: boolean;
}

/**
 * A profile's read model: what its audiences and session statistics need of its history, folded
 * event by event, so a profile answer reads one row however long the history is (issue 16).
 * Stored as JSON beside the profile. Per rule leaf of the environment's audiences (keyed by a
 * hash of the leaf): a `page`/`track` leaf's count, or with `withinDays` the receive times of its
 * latest matching events (at most `countCap(leaf)`, enough to decide its bounds exactly); a
 * `campaign` leaf 1 once matched; a `referrer` leaf 1 once a closed session's landing page matched.
 */
export interface ProfileDigest {
  /** The format, and the leaves this digest counts (a hash): another set means a rebuild. */
  key: string;
  leaves: Record<string, number | number[]>;
  /** Sessions so far, the current one included. */
  sessions: number;
  /** Total length of the closed sessions (ms). */
  closedLength: number;
  current: CurrentSession | null;
}

/** The leaves of an environment's audiences that read history, and their digest keys. */
export interface DigestLeaves {
  key: string;
  counting: { key: string; leaf: CountingLeaf; cap?: number }[];
  campaign: { key: string; leaf: CampaignLeaf }[];
  referrer: { key: string; contains: string }[];
  /** Digest key of each leaf object of the configuration. */
  keyOf: WeakMap<object, string>;
}

const FORMAT = 'd1';
const hash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 12);
const leavesCache = new WeakMap<readonly AudienceDefinition[], DigestLeaves>();

/**
 * The history-reading leaves of an environment's audiences (computed once per configuration).
 *
 * @example
 * const leaves = digestLeaves(environment.audiences);
 */
export function digestLeaves(audiences: readonly AudienceDefinition[]): DigestLeaves {
  const cached = leavesCache.get(audiences);
  if (cached) return cached;
  const leaves: DigestLeaves = { key: '', counting: [], campaign: [], referrer: [], keyOf: new WeakMap() };
  const seen = new Set<string>();
  const visit = (rule: Rule): void => {
    if ('all' in rule || 'any' in rule) {
      for (const child of 'all' in rule ? rule.all : rule.any) visit(child);
      return;
    }
    if ('not' in rule) {
      visit(rule.not);
      return;
    }
    if (!('page' in rule || 'track' in rule || 'campaign' in rule || 'referrer' in rule)) return;
    const key = hash(JSON.stringify(rule));
    leaves.keyOf.set(rule, key);
    if (seen.has(key)) return;
    seen.add(key);
    if ('page' in rule || 'track' in rule) {
      const windowed = ('page' in rule ? rule.page.withinDays : rule.track.withinDays) !== undefined;
      leaves.counting.push(windowed ? { key, leaf: rule, cap: countCap(rule) } : { key, leaf: rule });
    } else if ('campaign' in rule) leaves.campaign.push({ key, leaf: rule });
    else leaves.referrer.push({ key, contains: rule.referrer.contains });
  };
  for (const audience of audiences) visit(audience.rule);
  leaves.key = `${FORMAT}:${hash([...seen].sort().join(','))}`;
  leavesCache.set(audiences, leaves);
  return leaves;
}

/**
 * The digest of a profile without events.
 *
 * @example
 * const profile = { ...fields, digest: emptyDigest(digestLeaves(audiences)) };
 */
export function emptyDigest(leaves: DigestLeaves): ProfileDigest {
  const state: ProfileDigest['leaves'] = {};
  for (const { key, cap } of leaves.counting) state[key] = cap === undefined ? 0 : [];
  for (const { key } of [...leaves.campaign, ...leaves.referrer]) state[key] = 0;
  return { key: leaves.key, leaves: state, sessions: 0, closedLength: 0, current: null };
}

/**
 * Whether a stored digest counts exactly these leaves (else it is rebuilt from the history).
 *
 * @example
 * if (!isCurrentDigest(profile.digest, leaves)) profile.digest = digestOf(await tx.listEvents(id), leaves);
 */
export function isCurrentDigest(
  digest: ProfileDigest | undefined,
  leaves: DigestLeaves,
): digest is ProfileDigest {
  return digest?.key === leaves.key;
}

/**
 * Folds one accepted event into a digest (in place), in the order the server received them.
 * Sessions split as `splitSessions` splits them: a gap over 30 minutes starts a new one.
 *
 * @example
 * foldEvent(digest, leaves, { seq, profileId, messageId, receivedAt: now, event: factsOf(event) });
 */
export function foldEvent(digest: ProfileDigest, leaves: DigestLeaves, stored: StoredEvent): void {
  const at = stored.receivedAt;
  let current = digest.current;
  if (!current || at - current.end > SESSION_TIMEOUT_MS) {
    if (current) closeSession(digest, leaves, current);
    current = {
      id: sessionId(stored.messageId),
      start: at,
      end: at,
      landingPage: pageOf(stored.event, false) ?? { ...EMPTY_PAGE, query: {} },
      hasPage: false,
    };
    digest.current = current;
    digest.sessions++;
  }
  // Another process may commit an event received a moment earlier after this one: never go back.
  current.end = Math.max(current.end, at);
  if (!current.hasPage && stored.event.type === 'page') {
    current.landingPage = pageOf(stored.event, true) ?? current.landingPage;
    current.hasPage = true;
  }
  for (const { key, leaf, cap } of leaves.counting) {
    if (!countsFor(leaf, stored.event)) continue;
    const state = digest.leaves[key];
    if (cap === undefined) digest.leaves[key] = (state as number) + 1;
    else {
      const times = state as number[];
      let i = times.length;
      while (i > 0 && (times[i - 1] as number) > at) i--;
      times.splice(i, 0, at);
      if (times.length > cap) times.splice(0, times.length - cap);
    }
  }
  for (const { key, leaf } of leaves.campaign) if (fromCampaign(leaf, stored.event)) digest.leaves[key] = 1;
}

function closeSession(digest: ProfileDigest, leaves: DigestLeaves, session: CurrentSession): void {
  digest.closedLength += session.end - session.start;
  for (const { key, contains } of leaves.referrer) {
    if (referrerMatches(session.landingPage, contains)) digest.leaves[key] = 1;
  }
}

const referrerMatches = (page: PageInfo, contains: string) =>
  page.referrer !== '' && page.referrer.includes(contains);

/**
 * The digest of a whole history (oldest first, as `listEvents` answers it).
 *
 * @example
 * const digest = digestOf(await tx.listEvents(profile.id), digestLeaves(audiences));
 */
export function digestOf(events: readonly StoredEvent[], leaves: DigestLeaves): ProfileDigest {
  const digest = emptyDigest(leaves);
  for (const stored of events) foldEvent(digest, leaves, stored);
  return digest;
}

/**
 * What audience rules read, answered from a digest.
 *
 * @example
 * evaluateAudiences(audiences, digestView(digest, leaves, profile.traits, profile.location, now));
 */
export function digestView(
  digest: ProfileDigest,
  leaves: DigestLeaves,
  traits: JsonObject,
  location: GeoLocation,
  now: number,
): RuleView {
  const state = (leaf: object) => digest.leaves[leaves.keyOf.get(leaf) ?? ''];
  return {
    traits,
    location,
    now,
    sessions: digest.sessions,
    count(leaf, since) {
      const value = state(leaf);
      if (typeof value === 'number') return value;
      return (value ?? []).filter((at) => at >= since).length;
    },
    campaign: (leaf) => state(leaf) === 1,
    referrer(contains) {
      const key = leaves.referrer.find((r) => r.contains === contains)?.key;
      if (key !== undefined && digest.leaves[key] === 1) return true;
      return digest.current !== null && referrerMatches(digest.current.landingPage, contains);
    },
  };
}

/**
 * `profile.session` (section 4) from a digest: the same figures `sessionStatistics` computes
 * from the whole history.
 *
 * @example
 * const session = digestSessionStatistics(digest, profile.id);
 */
export function digestSessionStatistics(digest: ProfileDigest, profileId: string): SessionStatistics {
  const { current } = digest;
  if (!current) return emptySessionStatistics(profileId);
  const active = current.end - current.start;
  return {
    id: current.id,
    isReturningVisitor: digest.sessions > 1,
    landingPage: current.landingPage,
    count: digest.sessions,
    activeSessionLength: active,
    averageSessionLength: Math.round((digest.closedLength + active) / digest.sessions),
  };
}
