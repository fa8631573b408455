import type { AudienceDefinition, CountBounds, Rule, ValueMatcher, Where } from '../config/config';
import type { StoredEvent } from '../store/store';
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

/**
 * The ids of the audiences a profile belongs to, in configuration order.
 *
 * @example
 * evaluateAudiences(environment.audiences, { events, traits, location, sessions, now: Date.now() });
 * // ['news-readers', 'returning']
 */
export function evaluateAudiences(audiences: readonly AudienceDefinition[], facts: AudienceFacts): string[] {
  return audiences.filter((audience) => matchesRule(audience.rule, facts)).map((audience) => audience.id);
}

/**
 * Evaluates one rule (section 7 of experience-api.md) against a profile's facts.
 *
 * @example
 * matchesRule({ trait: { key: 'favoriteColor', eq: 'red' } }, facts);
 */
export function matchesRule(rule: Rule, facts: AudienceFacts): boolean {
  if ('all' in rule) return rule.all.every((child) => matchesRule(child, facts));
  if ('any' in rule) return rule.any.some((child) => matchesRule(child, facts));
  if ('not' in rule) return !matchesRule(rule.not, facts);
  if ('page' in rule) {
    const { where, count, withinDays } = rule.page;
    const n = countEvents(facts, withinDays, (e) => e.event.type === 'page' && matchesPageWhere(where, e));
    return withinBounds(n, count);
  }
  if ('track' in rule) {
    const { event, where, count, withinDays } = rule.track;
    const n = countEvents(
      facts,
      withinDays,
      (e) =>
        e.event.type === 'track' && e.event.event === event && matchesWhere(where, e.event.properties ?? {}),
    );
    return withinBounds(n, count);
  }
  if ('trait' in rule) {
    const { key, ...matcher } = rule.trait;
    return matchesValue(getPath(facts.traits, key), matcher);
  }
  if ('session' in rule) {
    const { isReturningVisitor, count } = rule.session;
    const sessions = facts.sessions.length;
    if (isReturningVisitor !== undefined && isReturningVisitor !== sessions > 1) return false;
    return count === undefined || withinBounds(sessions, count);
  }
  if ('campaign' in rule) {
    const wanted = Object.entries(rule.campaign);
    return facts.events.some((e) => {
      const campaign = e.event.type === 'page' ? e.event.context?.campaign : undefined;
      return (
        campaign !== undefined &&
        wanted.every(([key, value]) => campaign[key as keyof typeof campaign] === value)
      );
    });
  }
  if ('referrer' in rule) {
    const { contains } = rule.referrer;
    return facts.sessions.some(
      (s) => s.landingPage.referrer !== '' && s.landingPage.referrer.includes(contains),
    );
  }
  if ('location' in rule) {
    const location = facts.location as Record<string, unknown>;
    return Object.entries(rule.location).every(([key, value]) => location[key] === value);
  }
  return false;
}

function countEvents(
  facts: AudienceFacts,
  withinDays: number | undefined,
  match: (e: StoredEvent) => boolean,
): number {
  const since = withinDays === undefined ? Number.NEGATIVE_INFINITY : facts.now - withinDays * DAY_MS;
  let n = 0;
  for (const e of facts.events) if (e.receivedAt >= since && match(e)) n++;
  return n;
}

/** Page fields come from the page event's properties, falling back to `context.page`. */
function matchesPageWhere(where: Where | undefined, e: StoredEvent): boolean {
  if (!where) return true;
  const properties = e.event.properties ?? {};
  const context = (e.event.context?.page ?? {}) as unknown as JsonObject;
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
