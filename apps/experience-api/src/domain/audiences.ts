import type { AudienceDefinition, CountBounds, Rule, ValueMatcher, Where } from '../config/config';
import type { EventFacts, StoredEvent } from '../store/store';
import { getPath, isObject } from './json';
import type { Session } from './sessions';
import type { GeoLocation, JsonObject, JsonValue } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a rule can look at: a profile's accepted events, traits, location and sessions. */
export interface AudienceFacts {
  events: readonly StoredEvent[];
  traits: JsonObject;
  location: GeoLocation;
  sessions: readonly Session[];
  /** Server time, for `withinDays`. */
  now: number;
}

/** A rule that counts events: `page` or `track`. */
export type CountingLeaf = Extract<Rule, { page: unknown } | { track: unknown }>;
/** A rule that asks whether any page event came from a campaign. */
export type CampaignLeaf = Extract<Rule, { campaign: unknown }>;

/**
 * What rules read of a profile's history, however it is kept: scanned from the events
 * ({@link AudienceFacts}) or folded into the profile's read model (`profileDigest.ts`).
 */
export interface RuleView {
  traits: JsonObject;
  location: GeoLocation;
  /** Events matching a `page`/`track` leaf received at or after `since` (exact up to `countCap(leaf)`). */
  count(leaf: CountingLeaf, since: number): number;
  /** Whether any page event matched a `campaign` leaf. */
  campaign(leaf: CampaignLeaf): boolean;
  /** Whether any session's landing page has a referrer containing `contains`. */
  referrer(contains: string): boolean;
  /** The number of sessions. */
  sessions: number;
  /** Server time, for `withinDays`. */
  now: number;
}

/**
 * The ids of the audiences a profile belongs to, in configuration order.
 *
 * @example
 * evaluateAudiences(environment.audiences, { events, traits, location, sessions, now: Date.now() });
 * // ['news-readers', 'returning']
 */
export function evaluateAudiences(
  audiences: readonly AudienceDefinition[],
  facts: AudienceFacts | RuleView,
): string[] {
  const view = 'events' in facts ? factsView(facts) : facts;
  return audiences.filter((audience) => evaluateRule(audience.rule, view)).map((audience) => audience.id);
}

/**
 * Evaluates one rule (section 7 of experience-api.md) against a profile's facts.
 *
 * @example
 * matchesRule({ trait: { key: 'favoriteColor', eq: 'red' } }, facts);
 */
export function matchesRule(rule: Rule, facts: AudienceFacts): boolean {
  return evaluateRule(rule, factsView(facts));
}

/**
 * Evaluates one rule against what a {@link RuleView} knows of a profile.
 *
 * @example
 * evaluateRule({ session: { isReturningVisitor: true } }, digestView(digest, profile, now));
 */
export function evaluateRule(rule: Rule, view: RuleView): boolean {
  if ('all' in rule) return rule.all.every((child) => evaluateRule(child, view));
  if ('any' in rule) return rule.any.some((child) => evaluateRule(child, view));
  if ('not' in rule) return !evaluateRule(rule.not, view);
  if ('page' in rule || 'track' in rule) {
    const { count, withinDays } = 'page' in rule ? rule.page : rule.track;
    const since = withinDays === undefined ? Number.NEGATIVE_INFINITY : view.now - withinDays * DAY_MS;
    return withinBounds(view.count(rule, since), count);
  }
  if ('trait' in rule) {
    const { key, ...matcher } = rule.trait;
    return matchesValue(getPath(view.traits, key), matcher);
  }
  if ('session' in rule) {
    const { isReturningVisitor, count } = rule.session;
    if (isReturningVisitor !== undefined && isReturningVisitor !== view.sessions > 1) return false;
    return count === undefined || withinBounds(view.sessions, count);
  }
  if ('campaign' in rule) return view.campaign(rule);
  if ('referrer' in rule) return view.referrer(rule.referrer.contains);
  if ('location' in rule) {
    const location = view.location as Record<string, unknown>;
    return Object.entries(rule.location).every(([key, value]) => location[key] === value);
  }
  return false;
}

/**
 * Whether one event counts for a `page`/`track` leaf (its time aside).
 *
 * @example
 * countsFor({ track: { event: 'signup' } }, stored.event); // true for a signup track
 */
export function countsFor(leaf: CountingLeaf, event: EventFacts): boolean {
  if ('page' in leaf) return event.type === 'page' && matchesPageWhere(leaf.page.where, event);
  const { event: name, where } = leaf.track;
  return event.type === 'track' && event.event === name && matchesWhere(where, event.properties ?? {});
}

/**
 * Whether a page event came from the campaign a `campaign` leaf names.
 *
 * @example
 * fromCampaign({ campaign: { source: 'newsletter' } }, stored.event);
 */
export function fromCampaign(leaf: CampaignLeaf, event: EventFacts): boolean {
  const campaign = event.type === 'page' ? event.context?.campaign : undefined;
  return (
    campaign !== undefined &&
    Object.entries(leaf.campaign).every(([key, value]) => campaign[key as keyof typeof campaign] === value)
  );
}

/**
 * How many matching events a read model must keep for a leaf with `withinDays` so that its
 * count bounds decide as the exact count would: one more than its largest bound.
 *
 * @example
 * countCap({ page: { count: { gte: 3 }, withinDays: 7 } }); // 4
 */
export function countCap(leaf: CountingLeaf): number {
  const bounds = ('page' in leaf ? leaf.page.count : leaf.track.count) ?? { gte: 1 };
  return Math.max(bounds.gte ?? 0, bounds.lte ?? 0, bounds.eq ?? 0) + 1;
}

/** A {@link RuleView} that scans the events of {@link AudienceFacts}. */
function factsView(facts: AudienceFacts): RuleView {
  return {
    traits: facts.traits,
    location: facts.location,
    now: facts.now,
    sessions: facts.sessions.length,
    count(leaf, since) {
      let n = 0;
      for (const e of facts.events) if (e.receivedAt >= since && countsFor(leaf, e.event)) n++;
      return n;
    },
    campaign: (leaf) => facts.events.some((e) => fromCampaign(leaf, e.event)),
    referrer: (contains) =>
      facts.sessions.some((s) => s.landingPage.referrer !== '' && s.landingPage.referrer.includes(contains)),
  };
}

/** Page fields come from the page event's properties, falling back to `context.page`. */
function matchesPageWhere(where: Where | undefined, event: EventFacts): boolean {
  if (!where) return true;
  const properties = event.properties ?? {};
  const context = (event.context?.page ?? {}) as unknown as JsonObject;
  return Object.entries(where).every(([key, condition]) => {
    const own = getPath(properties, key);
    return matchesCondition(own === undefined ? getPath(context, key) : own, condition);
  });
}

function withinBounds(n: number, count: CountBounds | undefined): boolean {
  const bounds = count ?? { gte: 1 };
  if (bounds.gte !== undefined && n < bounds.gte) return false;
  if (bounds.lte !== undefined && n > bounds.lte) return false;
  if (bounds.eq !== undefined && n !== bounds.eq) return false;
  return true;
}

function matchesWhere(where: Where | undefined, properties: JsonObject): boolean {
  if (!where) return true;
  return Object.entries(where).every(([key, condition]) =>
    matchesCondition(getPath(properties, key), condition),
  );
}

function matchesCondition(actual: unknown, condition: JsonValue | ValueMatcher): boolean {
  return isObject(condition) ? matchesValue(actual, condition as ValueMatcher) : deepEqual(actual, condition);
}

/**
 * Applies one operator of a trait or `where` condition to a value.
 *
 * @example
 * matchesValue('red', { in: ['red', 'blue'] }); // true
 */
export function matchesValue(actual: unknown, matcher: ValueMatcher): boolean {
  if (matcher.exists !== undefined) return (actual !== undefined && actual !== null) === matcher.exists;
  if ('eq' in matcher) return deepEqual(actual, matcher.eq);
  if ('ne' in matcher) return !deepEqual(actual, matcher.ne);
  if (matcher.in !== undefined) return matcher.in.some((candidate) => deepEqual(actual, candidate));
  if ('contains' in matcher) {
    if (typeof actual === 'string' && typeof matcher.contains === 'string')
      return actual.includes(matcher.contains);
    if (Array.isArray(actual)) return actual.some((item) => deepEqual(item, matcher.contains));
    return false;
  }
  if (matcher.gt !== undefined) return compare(actual, matcher.gt, (a, b) => a > b);
  if (matcher.gte !== undefined) return compare(actual, matcher.gte, (a, b) => a >= b);
  if (matcher.lt !== undefined) return compare(actual, matcher.lt, (a, b) => a < b);
  if (matcher.lte !== undefined) return compare(actual, matcher.lte, (a, b) => a <= b);
  return false;
}

function compare<T extends number | string>(
  actual: unknown,
  bound: T,
  test: (a: T, b: T) => boolean,
): boolean {
  return typeof actual === typeof bound && test(actual as T, bound);
}

function deepEqual(a: unknown, b: JsonValue | unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}
