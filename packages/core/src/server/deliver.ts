import { NinetailedDeliveryError, printable } from '../errors';
import type { ServerFetch } from './serverFetch';

/** How hard one call tries (options `requestTimeout`, `retries`, `totalTimeout`). */
export interface DeliveryPolicy {
  fetch: ServerFetch;
  /** Milliseconds one attempt may take. */
  timeout: number;
  /** Attempts after the first, for network errors, timeouts, 5xx and 429. */
  retries: number;
  /** Milliseconds the whole call may take, attempts and waits included. */
  budget: number;
  /** Hears each retry, for logs. */
  onRetry?: (error: NinetailedDeliveryError, wait: number) => void;
}

/** One request; `body` is called for each attempt (so `sentAt` is the time it leaves). */
export interface DeliveryRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: () => string;
}

/** First wait before a retry; it doubles for each further one, with jitter. */
export const BACKOFF_MS = 250;

interface Answer {
  data?: unknown;
  message?: unknown;
  error?: { code?: unknown } | null;
}

/**
 * `true` for what may go through on another try: no answer (network error, timeout), a 5xx or
 * a 429 (`experience-api.md`, section 5). A 4xx is the request's own fault.
 *
 * @example
 * ```ts
 * isRetryable(new NinetailedDeliveryError('ERR_PROFILE_OVERLOAD', 429, 'slow down')); // true
 * ```
 */
export function isRetryable(error: NinetailedDeliveryError): boolean {
  return error.status === 0 || error.status === 429 || error.status >= 500;
}

/**
 * Sends `request` and resolves with the answer's `data`. Each attempt is aborted after
 * `timeout` (or what is left of `budget`); network errors, timeouts, 5xx and 429 are retried up
 * to `retries` times after `BACKOFF_MS` doubling per retry, with jitter (half to all of it), or
 * the server's `Retry-After` when longer. A wait that would end past the budget is not started:
 * the call rejects with the last error at once. Rejects with a `NinetailedDeliveryError`.
 *
 * @example
 * ```ts
 * const data = await deliver({ method: 'GET', url, headers: {} }, { fetch, timeout: 3000, retries: 2, budget: 5000 });
 * ```
 */
export async function deliver(request: DeliveryRequest, policy: DeliveryPolicy): Promise<unknown> {
  const deadline = Date.now() + policy.budget;
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptOnce(request, policy.fetch, Math.min(policy.timeout, deadline - Date.now()));
    } catch (caught) {
      const error = caught as NinetailedDeliveryError;
      if (!isRetryable(error) || attempt >= policy.retries) throw error;
      const backoff = BACKOFF_MS * 2 ** attempt * (0.5 + Math.random() / 2);
      const wait = Math.ceil(Math.max(backoff, error.retryAfter));
      if (Date.now() + wait >= deadline) {
        throw new NinetailedDeliveryError(
          error.code,
          error.status,
          `${error.message.replace(/^\[ninetailed\] /, '')}; gave up after ${attempt + 1} attempts: ` +
            `the next would start after the ${policy.budget} ms budget (totalTimeout)`,
          error.retryAfter,
        );
      }
      policy.onRetry?.(error, wait);
      await new Promise((resolve) => globalThis.setTimeout(resolve, wait));
    }
  }
}

async function attemptOnce(request: DeliveryRequest, fetch: ServerFetch, timeout: number): Promise<unknown> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      (async () => {
        const response = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          ...(request.body ? { body: request.body() } : {}),
          signal: controller.signal,
        });
        const answer = (await response.json().catch(() => null)) as Answer | null;
        if (!response.ok) {
          const code = typeof answer?.error?.code === 'string' ? answer.error.code : 'ERR_HTTP';
          const message = typeof answer?.message === 'string' ? answer.message : 'no message';
          throw new NinetailedDeliveryError(
            code,
            response.status,
            `the Experience API answered ${response.status} ${code}: ${message}`,
            retryAfter(response.headers?.get('Retry-After')),
          );
        }
        return answer?.data;
      })(),
      // A fetch that ignores the abort (or a body that never ends) still times out.
      new Promise<never>((_, reject) => {
        timer = globalThis.setTimeout(() => {
          reject(
            new NinetailedDeliveryError('ERR_TIMEOUT', 0, `no answer within ${timeout} ms (requestTimeout)`),
          );
          controller.abort();
        }, timeout);
      }),
    ]);
  } catch (error) {
    throw error instanceof NinetailedDeliveryError
      ? error
      : new NinetailedDeliveryError('ERR_NETWORK', 0, `request failed: ${printable(error)}`);
  } finally {
    globalThis.clearTimeout(timer);
  }
}

/** `Retry-After` in ms: seconds, or an HTTP date; anything else is no wait. */
function retryAfter(value: string | null | undefined): number {
  if (!value) return 0;
  const ms = /^\d+$/.test(value.trim()) ? +value * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}
