import { ApiError, quote } from './errors';

/**
 * A per-profile rate limit on accepted events: a token bucket that holds up to `burst` events
 * and refills at `perSecond` events per second.
 */
export interface ProfileRateLimit {
  /** Sustained events per second per profile. */
  perSecond: number;
  /** Events a profile may send at once (the bucket's size). */
  burst: number;
}

/**
 * The default: far above what a visitor's SDK sends (at most 200 events per request), low
 * enough that a runaway client on one profile is told to back off with 429 `ERR_PROFILE_OVERLOAD`.
 */
export const DEFAULT_PROFILE_RATE_LIMIT: ProfileRateLimit = { perSecond: 100, burst: 1000 };

/**
 * The default limit on profile creation per organisation and environment: far above what a
 * site's visitors create, low enough that a script creating profiles in a loop is told to back
 * off with 429 `ERR_ORGANIZATION_OVERLOAD`. Benchmarks turn it off.
 */
export const DEFAULT_CREATE_RATE_LIMIT: ProfileRateLimit = { perSecond: 50, burst: 500 };

/** Builds the 429 a limiter throws: the key refused, its charge, the limit and the wait. */
export type Refusal = (key: string, events: number, limit: ProfileRateLimit, retryAfter: number) => ApiError;

/**
 * The refusal of the per-profile limit: 429 `ERR_PROFILE_OVERLOAD` naming the profile.
 *
 * @example
 * createRateLimiter({ perSecond: 100, burst: 1000 }, profileOverload);
 */
export const profileOverload: Refusal = (key, events, { perSecond, burst }, retryAfter) =>
  new ApiError(
    429,
    'ERR_PROFILE_OVERLOAD',
    `too many events for profile ${quote(key.split('/').slice(2).join('/'))}: this request's ${events} would exceed its limit of ${perSecond} per second (burst ${burst}); retry after ${retryAfter} s`,
    { 'Retry-After': String(retryAfter) },
  );

/**
 * The refusal of the per-organisation create limit: 429 `ERR_ORGANIZATION_OVERLOAD`.
 *
 * @example
 * createRateLimiter(DEFAULT_CREATE_RATE_LIMIT, organizationOverload);
 */
export const organizationOverload: Refusal = (key, _events, { perSecond, burst }, retryAfter) =>
  new ApiError(
    429,
    'ERR_ORGANIZATION_OVERLOAD',
    `too many new profiles in ${quote(key)}: the limit is ${perSecond} per second (burst ${burst}); retry after ${retryAfter} s`,
    { 'Retry-After': String(retryAfter) },
  );

/** Charges events to profiles; see {@link createRateLimiter}. */
export interface RateLimiter {
  /**
   * Charges `events` to each key at server time `now` (milliseconds), all or nothing: if any key
   * lacks the tokens, nothing is charged and a 429 `ERR_PROFILE_OVERLOAD` with `Retry-After`
   * (whole seconds) is thrown.
   */
  take(charges: readonly { key: string; events: number }[], now: number): void;
}

interface Bucket {
  tokens: number;
  at: number;
}

// Buckets that refilled completely are forgotten once the map grows past this many.
const SWEEP_AT = 10_000;

/**
 * A per-profile limiter in memory (one process). A request larger than `burst` passes when the
 * bucket is full and leaves it in debt, so the profile's next request waits accordingly.
 * `false` gives a limiter that never refuses.
 *
 * @example
 * const limiter = createRateLimiter({ perSecond: 100, burst: 1000 });
 * limiter.take([{ key: 'demo/main/p1', events: 3 }], Date.now()); // throws ApiError(429) when over
 */
export function createRateLimiter(
  limit: ProfileRateLimit | false,
  refuse: Refusal = profileOverload,
): RateLimiter {
  if (limit === false) return { take() {} };
  const { perSecond, burst } = limit;
  if (!(perSecond > 0 && Number.isFinite(perSecond)) || !(burst >= 1 && Number.isFinite(burst))) {
    throw new Error(
      `[ninetailed] invalid profile rate limit ${JSON.stringify(limit)}: perSecond must be > 0 and burst >= 1 (or pass false to turn it off)`,
    );
  }
  const buckets = new Map<string, Bucket>();
  let sweepAt = SWEEP_AT;

  const tokensAt = (bucket: Bucket | undefined, now: number): number =>
    bucket === undefined
      ? burst
      : Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * perSecond);

  function sweep(now: number): void {
    for (const [key, bucket] of buckets) if (tokensAt(bucket, now) >= burst) buckets.delete(key);
    sweepAt = Math.max(SWEEP_AT, buckets.size * 2);
  }

  return {
    take(charges, now) {
      const totals = new Map<string, number>();
      for (const { key, events } of charges) totals.set(key, (totals.get(key) ?? 0) + events);
      let waitMs = 0;
      let refused: { key: string; events: number } | undefined;
      for (const [key, events] of totals) {
        const missing = Math.min(events, burst) - tokensAt(buckets.get(key), now);
        if (missing > 0 && (missing / perSecond) * 1000 >= waitMs) {
          waitMs = (missing / perSecond) * 1000;
          refused = { key, events };
        }
      }
      if (refused) {
        const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
        throw refuse(refused.key, refused.events, limit, retryAfter);
      }
      for (const [key, events] of totals) {
        buckets.set(key, { tokens: tokensAt(buckets.get(key), now) - events, at: now });
      }
      if (buckets.size > sweepAt) sweep(now);
    },
  };
}

/**
 * The limiter key of a profile: organisation and environment ids never hold `/` (the
 * configuration refuses it), so the key is unambiguous whatever the profile id holds.
 *
 * @example
 * rateKey({ organization: 'demo', environment: 'main' }, 'p1'); // 'demo/main/p1'
 */
export function rateKey(scope: { organization: string; environment: string }, profileId: string): string {
  return `${scope.organization}/${scope.environment}/${profileId}`;
}
