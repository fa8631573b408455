import type { FaultRule } from './faultRules';

/**
 * Ready-made fault rules for the usual failure modes of the Experience API. Each returns one
 * `FaultRule`; combine them in an array (the first rule that picks a request wins).
 *
 * @example
 * ```ts
 * import { faults, startFaultProxy } from '@ninetailed/fault-proxy';
 * const proxy = await startFaultProxy({
 *   target: api.url,
 *   seed: 7,
 *   rules: [faults.tooManyRequests({ retryAfter: 1, to: 2 }), faults.serverErrors(0.3)],
 * });
 * ```
 */
export const faults = {
  /** `rate` of the requests answer `status` (default 503) without reaching the server. */
  serverErrors(rate: number, status = 503, window: Window = {}): FaultRule {
    return { action: { type: 'status', status }, rate, ...window };
  },
  /** Requests answer 429 with `Retry-After: retryAfter` seconds (default 1) without reaching the server. */
  tooManyRequests(options: { retryAfter?: number; rate?: number } & Window = {}): FaultRule {
    const { retryAfter = 1, rate = 1, ...window } = options;
    return { action: { type: 'status', status: 429, retryAfter }, rate, ...window };
  },
  /** `rate` of the requests are never answered and never reach the server. */
  hang(rate: number, window: Window = {}): FaultRule {
    return { action: { type: 'hang' }, rate, ...window };
  },
  /**
   * `rate` of the requests are answered after `ms`. `applied: true`: the server gets the request
   * at once and only the answer is late (a client timeout then retries an applied event).
   */
  delay(ms: number, rate: number, options: { applied?: boolean } & Window = {}): FaultRule {
    const { applied = false, ...window } = options;
    return { action: { type: 'delay', ms, applied }, rate, ...window };
  },
  /** `rate` of the requests have their connection destroyed without an answer. */
  reset(rate: number, window: Window = {}): FaultRule {
    return { action: { type: 'reset' }, rate, ...window };
  },
};

/** The optional request window and matchers of a preset. */
type Window = Pick<FaultRule, 'from' | 'to' | 'method' | 'path'>;
