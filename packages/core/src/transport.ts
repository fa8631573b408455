import { NinetailedDeliveryError, printable } from './errors';
import type { NinetailedTimers } from './timers';
import type { ProfileResponseData } from './types';

/**
 * The fetch seam: the part of `fetch` the SDK uses. `globalThis.fetch` fits.
 *
 * @example
 * ```ts
 * const fetch: FetchLike = async (url, init) => new Response('{"data":{}}', { status: 200 });
 * new Ninetailed({ clientId: 'demo', fetch });
 * ```
 */
export type FetchLike = (
  url: string,
  init: {
    method: 'POST';
    headers: Record<string, string>;
    body: string;
    signal?: AbortSignal;
    keepalive?: boolean;
  },
) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  headers?: { get(name: string): string | null };
}>;

/**
 * Sends one request body to a profile endpoint (`keepalive` while the page is being hidden).
 *
 * @example
 * ```ts
 * const transport: Transport = (url, body) => httpTransport(fetch, defaultTimers, 5000)(url, body);
 * ```
 */
export type Transport = (url: string, body: string, keepalive?: boolean) => Promise<ProfileResponseData>;

interface Answer {
  data?: { profile?: { id?: unknown } };
  message?: string;
  error?: { code?: string } | null;
}

/**
 * A transport over `fetch`: `POST` with `Content-Type: text/plain` (a simple CORS request, no
 * preflight), aborted after `timeout` ms. Resolves with the response `data`; rejects with a
 * `NinetailedDeliveryError` carrying the API's error code (and `Retry-After`, in ms),
 * `ERR_TIMEOUT` or `ERR_NETWORK`.
 *
 * @example
 * ```ts
 * const send = httpTransport((url, init) => fetch(url, init), defaultTimers, 5000);
 * await send('https://experience.ninetailed.co/v2/organizations/demo/environments/main/profiles', body);
 * ```
 */
export function httpTransport(fetch: FetchLike, timers: NinetailedTimers, timeout: number): Transport {
  return async (url, body, keepalive) => {
    const controller = new AbortController();
    let timer: unknown;
    try {
      return await Promise.race([
        (async () => {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'text/plain' },
            body,
            signal: controller.signal,
            keepalive,
          });
          const answer = (await response.json().catch(() => null)) as Answer | null;
          if (!response.ok) {
            // Seconds, or an HTTP date; anything else counts as no wait.
            const wait = response.headers?.get('Retry-After');
            throw new NinetailedDeliveryError(
              answer?.error?.code ?? 'ERR_HTTP',
              response.status,
              `the Experience API answered ${response.status}: ${answer?.message ?? 'no message'}`,
              (wait && (+wait * 1e3 || Date.parse(wait) - timers.now())) || 0,
            );
          }
          if (typeof answer?.data?.profile?.id !== 'string') {
            throw new NinetailedDeliveryError(
              'ERR_BAD_RESPONSE',
              response.status,
              'the answer holds no profile',
            );
          }
          return answer.data as ProfileResponseData;
        })(),
        // A fetch that ignores the abort (or a body that never ends) still times out.
        new Promise<never>((_, reject) => {
          timer = timers.setTimeout(() => {
            reject(
              new NinetailedDeliveryError(
                'ERR_TIMEOUT',
                0,
                `no answer within ${timeout} ms (requestTimeout)`,
              ),
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
      timers.clearTimeout(timer);
    }
  };
}
