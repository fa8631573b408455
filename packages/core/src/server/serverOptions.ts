import { NinetailedConfigError } from '../errors';
import type { OnLog } from '../logger';
import type { PrivacyOptions } from '../privacy';
import type { ServerFetch } from './serverFetch';

/**
 * Options of `new NinetailedServer(...)`. Only `clientId` is required.
 *
 * @example
 * ```ts
 * import { NinetailedServer } from '@ninetailed/experience.js/server';
 * const ninetailed = new NinetailedServer({
 *   clientId: process.env.NINETAILED_CLIENT_ID!,
 *   environment: 'main',
 *   requestTimeout: 1500,
 *   totalTimeout: 3000,
 *   onError: (error) => console.error(error),
 * });
 * ```
 */
export interface NinetailedServerOptions {
  /** Your organisation id (the Ninetailed API key). Required, non-empty. */
  clientId: string;
  /** The Ninetailed environment. Default `main`; never empty. */
  environment?: string;
  /** Base URL of the Experience API; a path prefix is kept. Default `https://experience.ninetailed.co`. */
  url?: string;
  /** Localises location names in the profile (sent as `?locale=`); a call's `locale` wins. */
  locale?: string;
  /** Milliseconds one attempt may take before it is aborted. Default 3000. */
  requestTimeout?: number;
  /** Retries after the first attempt (network errors, timeouts, 5xx, 429). Default 2, at most 10. */
  retries?: number;
  /**
   * Milliseconds a whole call may take, attempts and waits included: a server answering a
   * visitor cannot wait forever, whatever `Retry-After` says. Default 5000.
   */
  totalTimeout?: number;
  /**
   * `gdpr.isConsentGiven` of the events, and whether the API may enrich them from the IP
   * (`ip-enrichment`, `location`). Default `true`: the server speaks for a visitor whose consent
   * your app has checked; pass `false` (or a call's `consent`) when it has not been given.
   */
  consent?: boolean;
  /** The privacy guard for contact info in traits and aliases. Default `{ contactInfo: 'warn' }`. */
  privacy?: PrivacyOptions;
  /** The fetch seam. Default `globalThis.fetch`, looked up at each request. */
  fetch?: ServerFetch;
  /** Receives every error (a call's promise rejects with it too). A throwing `onError` is ignored. */
  onError?: (error: Error) => void;
  /** Receives logs (`warn`/`error` always, `debug`/`info` while `debug` is on). */
  onLog?: OnLog;
  /** Logs to the console too. Default `false`. */
  debug?: boolean;
}

/** Options with defaults applied. */
export interface ResolvedServerOptions extends NinetailedServerOptions {
  environment: string;
  url: string;
  requestTimeout: number;
  retries: number;
  totalTimeout: number;
  consent: boolean;
}

const MAX_MS = 2 ** 31 - 1;

/**
 * Checks the options and applies the defaults; throws `NinetailedConfigError` naming the bad
 * option (the only synchronous throw of the server client).
 *
 * @example
 * ```ts
 * resolveServerOptions({ clientId: 'demo' }).url; // 'https://experience.ninetailed.co'
 * ```
 */
export function resolveServerOptions(options: NinetailedServerOptions): ResolvedServerOptions {
  const o = {
    ...Object(options),
    environment: options?.environment ?? 'main',
    url: options?.url ?? 'https://experience.ninetailed.co',
    requestTimeout: options?.requestTimeout ?? 3000,
    retries: options?.retries ?? 2,
    totalTimeout: options?.totalTimeout ?? 5000,
    consent: options?.consent ?? true,
  } as ResolvedServerOptions;
  const check = (option: keyof NinetailedServerOptions, ok: boolean, expected: string) => {
    if (!ok) throw new NinetailedConfigError(option, `option "${option}" must be ${expected}`);
  };
  for (const key of ['clientId', 'environment'] as const) {
    check(key, typeof o[key] === 'string' && !!o[key].trim(), 'a non-empty string');
  }
  check('url', typeof o.url === 'string' && /^https?:\/\/[^/]/.test(o.url), 'an http(s) URL');
  check('locale', o.locale === undefined || isLocale(o.locale), 'a BCP 47 language tag such as "de-DE"');
  for (const key of ['requestTimeout', 'totalTimeout'] as const) {
    check(
      key,
      Number.isFinite(o[key]) && o[key] > 0 && o[key] <= MAX_MS,
      'a positive number of milliseconds',
    );
  }
  check(
    'retries',
    Number.isInteger(o.retries) && o.retries >= 0 && o.retries <= 10,
    'an integer from 0 to 10',
  );
  check('consent', typeof o.consent === 'boolean', 'a boolean');
  check(
    'fetch',
    typeof (o.fetch ?? globalThis.fetch) === 'function',
    'a function (this runtime has no global fetch)',
  );
  return { ...o, url: o.url.replace(/\/+$/, '') };
}

/**
 * `true` for a well-formed `?locale=` value (what the API accepts).
 *
 * @example
 * ```ts
 * isLocale('de-DE'); // true
 * ```
 */
export function isLocale(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);
}
