import { seededUnit } from './seededUnit';

/**
 * What the proxy does with a request a rule picked.
 *
 * - `status`: answers `status` itself (with CORS headers and the Experience API error envelope);
 *   the target never sees the request. `retryAfter` (seconds) adds a `Retry-After` header.
 * - `hang`: never answers; the target never sees the request. The client's own timeout (or the
 *   proxy's `close()`) ends it.
 * - `delay`: answers after `ms`. With `applied: true` the request goes to the target at once and
 *   only the answer is held (the server applied it, the client may give up first: the case that
 *   produces retried duplicates); otherwise it goes to the target after the delay, and not at all
 *   if the client gave up meanwhile.
 * - `reset`: destroys the connection without an answer (a network error for the client).
 *
 * @example
 * ```ts
 * const overload: FaultAction = { type: 'status', status: 429, retryAfter: 2 };
 * const slow: FaultAction = { type: 'delay', ms: 3000, applied: true };
 * ```
 */
export type FaultAction =
  | { type: 'status'; status: number; retryAfter?: number }
  | { type: 'hang' }
  | { type: 'delay'; ms: number; applied?: boolean }
  | { type: 'reset' };

/**
 * One fault rule. A request is matched against the rules in order; the first rule that matches
 * its method and path, whose index window holds the request's index, and whose seeded draw falls
 * under `rate`, decides its fate. A request no rule picks goes to the target unchanged.
 *
 * The request index counts every non-preflight request the proxy received, from 0, in arrival
 * order (`FaultProxy.reset()` restarts it). The draw for request `n` under rule `r` is
 * `seededUnit(seed, r, n)`: a pure function, so a schedule replays exactly with the same seed.
 *
 * @example
 * ```ts
 * // 30% of profile requests answer 503; the first 3 requests answer 429 with Retry-After: 1.
 * const rules: FaultRule[] = [
 *   { action: { type: 'status', status: 429, retryAfter: 1 }, to: 3 },
 *   { action: { type: 'status', status: 503 }, rate: 0.3, path: /\/profiles/ },
 * ];
 * ```
 */
export interface FaultRule {
  /** What happens to a picked request. */
  action: FaultAction;
  /** Fraction of the matching requests that are picked, in [0, 1]. Default 1 (all of them). */
  rate?: number;
  /** First request index (inclusive) the rule applies to. Default 0. */
  from?: number;
  /** Request index (exclusive) from which the rule stops applying. Default: no end. */
  to?: number;
  /**
   * Methods the rule applies to (case-insensitive). Default: every method except `OPTIONS`, so
   * CORS preflights reach the target and the browser keeps seeing the target's CORS answer.
   */
  method?: string | readonly string[];
  /** The request path (with query) must contain this string or match this pattern. Default: any. */
  path?: string | RegExp;
}

/** The fields of a request a rule looks at. */
export interface FaultRequest {
  /** Index among the non-preflight requests, from 0. */
  index: number;
  method: string;
  /** Path and query, for example `/v2/organizations/demo/environments/main/profiles`. */
  path: string;
}

/**
 * The action for one request under `rules` and `seed`, or `null` when it goes through unchanged.
 *
 * @example
 * ```ts
 * const action = decideFault(rules, 42, { index: 0, method: 'POST', path: '/v2/x/profiles' });
 * ```
 */
export function decideFault(
  rules: readonly FaultRule[],
  seed: number,
  request: FaultRequest,
): FaultAction | null {
  for (const [stream, rule] of rules.entries()) {
    if (!methodMatches(rule.method, request.method)) continue;
    if (!pathMatches(rule.path, request.path)) continue;
    if (request.index < (rule.from ?? 0) || request.index >= (rule.to ?? Number.POSITIVE_INFINITY)) continue;
    const rate = rule.rate ?? 1;
    if (rate >= 1 || seededUnit(seed, stream, request.index) < rate) return rule.action;
  }
  return null;
}

/**
 * The actions for requests `0 .. count-1` (all sent as `method path`): the schedule a proxy with
 * these rules and seed will follow. Useful to print or to assert what a run will meet.
 *
 * @example
 * ```ts
 * const plan = faultSchedule([{ action: { type: 'status', status: 503 }, rate: 0.3 }], 7, 10);
 * plan.filter(Boolean).length; // how many of the first 10 requests fail
 * ```
 */
export function faultSchedule(
  rules: readonly FaultRule[],
  seed: number,
  count: number,
  method = 'POST',
  path = '/',
): (FaultAction | null)[] {
  return Array.from({ length: count }, (_, index) => decideFault(rules, seed, { index, method, path }));
}

function methodMatches(expected: FaultRule['method'], method: string): boolean {
  const upper = method.toUpperCase();
  if (expected === undefined) return upper !== 'OPTIONS';
  const list = typeof expected === 'string' ? [expected] : expected;
  return list.some((m) => m.toUpperCase() === upper);
}

function pathMatches(expected: FaultRule['path'], path: string): boolean {
  if (expected === undefined) return true;
  if (typeof expected === 'string') return path.includes(expected);
  expected.lastIndex = 0;
  return expected.test(path);
}
