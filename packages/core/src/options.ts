import type { NinetailedEnvironment } from './environment';
import { NinetailedConfigError } from './errors';
import type { OnLog } from './logger';
import { checkPlugin, type NinetailedPlugin } from './plugins';
import type { ContactInfoMode, PrivacyOptions } from './privacy';
import type { NinetailedStorage } from './storage';
import type { NinetailedTimers } from './timers';
import type { FetchLike } from './transport';
import type { ProfileResponseData } from './types';

/**
 * Options of `new Ninetailed(...)`. Only `clientId` is required.
 *
 * @example
 * ```ts
 * new Ninetailed({
 *   clientId: 'NINETAILED_API_KEY',
 *   environment: 'main',
 *   url: 'https://experience.ninetailed.co',
 *   requestTimeout: 5000,
 *   privacy: { contactInfo: 'strip' },
 *   onError: (error) => reportToSentry(error),
 * });
 * ```
 */
export interface NinetailedOptions extends NinetailedEnvironment {
  /** Your organisation id (the Ninetailed API key). Required, non-empty. */
  clientId: string;
  /** The Ninetailed environment. Default `main`; never empty. */
  environment?: string;
  /** Base URL of the Experience API; a path prefix is kept. Default `https://experience.ninetailed.co`. */
  url?: string;
  /** Localises location names in the profile (sent as `?locale=`). */
  locale?: string;
  /** Milliseconds before a request is abandoned. Default 5000. */
  requestTimeout?: number;
  /**
   * Milliseconds an element watched with `observeElement` must stay visible before its view
   * counts. Default 2000 (v7's value).
   */
  componentViewTrackingThreshold?: number;
  /**
   * Milliseconds the pointer must stay over an element watched with `observeElement` before its
   * hover counts (a `component_hover` event to Insights). Default 2000 (v7's value).
   */
  componentHoverTrackingThreshold?: number;
  /**
   * Base URL of the Insights ingest that views, clicks and hovers go to. Default
   * `https://ingest.insights.ninetailed.co`; the local Experience API serves the same path.
   */
  insightsUrl?: string;
  /** `false` sends nothing to Insights (views still reach plugins and sticky experiences). Default `true`. */
  insights?: boolean;
  /**
   * Ordered plugins: event hooks and observers. Nested arrays are flattened (v7). A v7 plugin
   * object (`@ninetailed/experience.js-plugin-*`) is refused at construction with a
   * `NinetailedConfigError` naming it and its replacement.
   */
  plugins?: (NinetailedPlugin | NinetailedPlugin[])[];
  /**
   * Receives logs, v7's way: `onLog(message, ...data, level)` (`warn`/`error` always,
   * `debug`/`info` while debug is on); the level is always the last argument.
   */
  onLog?: OnLog;
  /**
   * Receives every error (a `NinetailedError` with a `code`): bad input, failed delivery, a
   * plugin or subscriber that threw. v7's `(message, ...args)` handlers fit.
   */
  onError?: (error: Error, ...args: unknown[]) => void;
  /** v7's name of `fetch`. */
  fetchImpl?: FetchLike;
  /** v7's name of `storage`. */
  storageImpl?: NinetailedStorage;
  /**
   * v7: called once at start with the stored profile id (or `undefined`); a non-empty string it
   * returns (or resolves) becomes the profile id, before any event leaves.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: v7's handlers may return nothing
  onInitProfileId?: (profileId?: string) => string | undefined | void | Promise<string | undefined | void>;
  /** v7: extra request context, merged over each event's `context` (read at each call). */
  buildClientContext?: () => Record<string, unknown>;
  /** v7's Preview: not supported here. `true` logs a warning (console too) and is ignored. */
  preview?: boolean;
  /** Deprecated in v7 and ignored here (`true` warns): select with `selectExperienceVariant`. */
  useSDKEvaluation?: boolean;
  /** Readable logs in the console. Default `false`. */
  debug?: boolean;
  /** `granted` (default): consent is not asked. `required`: not given until `consent(true)`. */
  consent?: 'granted' | 'required';
  /** The privacy guard for contact info in traits and aliases. Default `{ contactInfo: 'warn' }`. */
  privacy?: PrivacyOptions;
  /** The fetch seam. Default `globalThis.fetch`, looked up at each request. */
  fetch?: FetchLike;
  /** The storage seam. Default `localStorage` (memory if unavailable). */
  storage?: NinetailedStorage;
  /** The clock and timers seam. Default `Date.now`, `setTimeout`, `clearTimeout`. */
  timers?: NinetailedTimers;
  /**
   * The visitor's `{ profile, experiences, changes }` as a server fetched them for this page
   * (for example with `NinetailedServer#preflight`): the first profile state, on the server and
   * in the browser (`status: 'success'`, `from: 'hydrated'`), so the first render already
   * shows the visitor's variants. The browser adopts its id when it has none (one profile);
   * a browser that holds another id keeps it. Ignored when it has no `profile.id`.
   */
  initialProfile?: ProfileResponseData | null;
  /**
   * Mirror the profile id in the first-party `ntaid` cookie (v7's name: `Path=/`,
   * `SameSite=Lax`, two years), so server code reaches the same profile; a plausible id in that
   * cookie is adopted when the browser has none. `reset()` removes it. Default `true`.
   */
  profileCookie?: boolean;
}

/** Options with defaults applied. */
export interface ResolvedOptions extends Omit<NinetailedOptions, 'plugins'> {
  environment: string;
  url: string;
  requestTimeout: number;
  plugins: NinetailedPlugin[];
  contactInfo: ContactInfoMode;
}

/** Checks options and applies defaults; throws `NinetailedConfigError` naming the bad option. */
export function resolveOptions(options: NinetailedOptions): ResolvedOptions {
  const o = {
    ...options,
    // v7's names (of its options and of its API client's fields).
    fetch: options.fetch ?? options.fetchImpl,
    storage: options.storage ?? options.storageImpl,
    environment: options.environment ?? 'main',
    url: options.url ?? 'https://experience.ninetailed.co',
    requestTimeout: options.requestTimeout ?? 5000,
  };
  const check = (option: keyof NinetailedOptions, ok: boolean, expected: string) => {
    if (!ok) throw new NinetailedConfigError(option, `option "${option}" must be ${expected}`);
  };
  for (const key of ['clientId', 'environment'] as const) {
    check(key, typeof o[key] === 'string' && !!o[key].trim(), 'a non-empty string');
  }
  check('url', /^https?:\/\/[^/]/.test(o.url), 'an http(s) URL');
  check(
    'requestTimeout',
    o.requestTimeout > 0 && o.requestTimeout < 2 ** 31,
    'a positive number of milliseconds',
  );
  // Defaulted (2000) where it is used, so an app that does not track views does not pay for it.
  const threshold = o.componentViewTrackingThreshold;
  check(
    'componentViewTrackingThreshold',
    threshold === undefined || (threshold >= 0 && threshold < 2 ** 31),
    'a number of milliseconds, 0 or more',
  );
  return {
    ...o,
    url: o.url.replace(/\/+$/, ''),
    plugins: (o.plugins ?? []).flat().map(checkPlugin),
    contactInfo: o.privacy?.contactInfo ?? 'warn',
  };
}
