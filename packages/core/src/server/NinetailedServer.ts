import { NinetailedDeliveryError, NinetailedInputError, printable } from '../errors';
import type { EventPayload } from '../events';
import { createLogger, type Logger } from '../logger';
import { identifyPayload, pagePayload, trackPayload } from '../payloads';
import type { NinetailedEvent, Profile } from '../types';
import { batchWireEvents } from './batchWireEvents';
import { type CheckedCallOptions, checkCallOptions } from './checkCallOptions';
import { type DeliveryRequest, deliver } from './deliver';
import { buildServerEvent } from './serverEvent';
import {
  type NinetailedServerOptions,
  type ResolvedServerOptions,
  resolveServerOptions,
} from './serverOptions';
import type {
  ServerBatchEvent,
  ServerBatchOptions,
  ServerBatchResult,
  ServerCallOptions,
  ServerProfileResult,
} from './serverTypes';
import { splitBatch } from './splitBatch';

const FEATURES = ['ip-enrichment', 'location'];

/**
 * The Experience API client for servers: route handlers, server actions, middleware, any Node
 * 20+ or edge service with `fetch`. It touches no browser global and keeps no state between
 * calls: each call sends its events at once and resolves with the visitor's profile,
 * experiences and changes, or rejects with a `NinetailedInputError` (bad argument, nothing
 * sent) or a `NinetailedDeliveryError` (after the retries the time budget allowed).
 *
 * @example
 * ```ts
 * import { NinetailedServer, readProfileIdCookie, requestContext } from '@ninetailed/experience.js/server';
 *
 * const ninetailed = new NinetailedServer({ clientId: 'NINETAILED_API_KEY' });
 * const result = await ninetailed.track('signup', { plan: 'pro' }, {
 *   profileId: readProfileIdCookie(request.headers.get('cookie')),
 *   context: requestContext(request),
 * });
 * result.profile.audiences;
 * ```
 */
export class NinetailedServer {
  /**
   * The organisation id the client sends to.
   *
   * @example
   * ```ts
   * new NinetailedServer({ clientId: 'demo' }).clientId; // 'demo'
   * ```
   */
  readonly clientId: string;
  /**
   * The environment the client sends to.
   *
   * @example
   * ```ts
   * new NinetailedServer({ clientId: 'demo' }).environment; // 'main'
   * ```
   */
  readonly environment: string;
  private readonly options: ResolvedServerOptions;
  private readonly logger: Logger;

  /**
   * Checks the options; throws `NinetailedConfigError` naming a bad one.
   *
   * @example
   * ```ts
   * const ninetailed = new NinetailedServer({ clientId: 'demo', url: 'http://127.0.0.1:3030' });
   * ```
   */
  constructor(options: NinetailedServerOptions) {
    this.options = resolveServerOptions(options);
    this.clientId = this.options.clientId;
    this.environment = this.options.environment;
    this.logger = createLogger(this.options.debug === true, this.options.onLog);
  }

  /**
   * Sends a `page` event for the visitor (a new profile without `profileId`). The page fields
   * come from `options.context` (`url`, `referrer`, `title`), the custom `properties` beside them.
   *
   * @example
   * ```ts
   * const { profile } = await ninetailed.page({ category: 'news' }, { profileId, context: requestContext(request) });
   * ```
   */
  page(properties?: Record<string, unknown>, options?: ServerCallOptions): Promise<ServerProfileResult> {
    return this.call(() => pagePayload(properties), options);
  }

  /**
   * Sends a `track` event for the visitor.
   *
   * @example
   * ```ts
   * await ninetailed.track('signup', { plan: 'pro' }, { profileId });
   * ```
   */
  track(
    event: string,
    properties?: Record<string, unknown>,
    options?: ServerCallOptions,
  ): Promise<ServerProfileResult> {
    return this.call(() => trackPayload(event, properties), options);
  }

  /**
   * Sends an `identify` event: an alias (`uid`, `''` for none) and traits. With neither there
   * is nothing to send: it rejects with `NinetailedInputError`. Contact info in traits is
   * guarded as in the browser (option `privacy`).
   *
   * @example
   * ```ts
   * await ninetailed.identify('crm-42', { plan: 'pro' }, { profileId });
   * ```
   */
  identify(
    uid: string,
    traits?: Record<string, unknown>,
    options?: ServerCallOptions,
  ): Promise<ServerProfileResult> {
    return this.call(() => {
      const payload = identifyPayload(uid, traits, this.options.privacy?.contactInfo ?? 'warn', (found) =>
        this.warnContactInfo(found),
      );
      if (!payload)
        throw new NinetailedInputError('traits', 'give traits, an alias, or both (nothing to send)');
      return payload;
    }, options);
  }

  /**
   * Evaluates the visitor for server-side rendering: a `page` event built from
   * `options.context` is sent with `?type=preflight`, so the API answers the profile,
   * experiences and changes as if it were stored, and stores nothing. Without a known
   * `profileId` the answer is a new visitor's, whose `profile.id` is not stored either.
   *
   * @example
   * ```ts
   * const { experiences, changes } = await ninetailed.preflight({
   *   profileId: readProfileIdCookie(request.headers.get('cookie')),
   *   context: requestContext(request),
   * });
   * ```
   */
  preflight(
    options?: Omit<ServerCallOptions, 'preflight'> & { properties?: Record<string, unknown> },
  ): Promise<ServerProfileResult> {
    const { properties, ...rest } = (options ?? {}) as { properties?: Record<string, unknown> };
    return this.call(() => pagePayload(properties), { ...rest, preflight: true });
  }

  /**
   * Creates a profile for a first-time visitor (for example before server-side rendering, so
   * that the id set in the `ntaid` cookie is the one the browser then uses). The protocol has
   * no event-less create: it sends the smallest event that is not a page view, an `identify`
   * with no alias and no traits (`userId: ''`, `traits: {}`), which adds nothing to the profile.
   *
   * @example
   * ```ts
   * const { profile } = await ninetailed.createProfile({ context: requestContext(request) });
   * response.headers.append('Set-Cookie', profileIdCookie(profile.id));
   * ```
   */
  createProfile(options?: Omit<ServerCallOptions, 'profileId' | 'preflight'>): Promise<ServerProfileResult> {
    const { profileId: _id, preflight: _preflight, ...rest } = (options ?? {}) as ServerCallOptions;
    return this.call(() => ({ type: 'identify', userId: '', traits: {} }), rest);
  }

  /**
   * Reads a profile without sending an event. Rejects with code `ERR_PROFILE_NOT_FOUND` when
   * the API does not know it.
   *
   * @example
   * ```ts
   * const { profile, experiences } = await ninetailed.getProfile(profileId);
   * ```
   */
  getProfile(profileId: string, options?: Pick<ServerCallOptions, 'locale'>): Promise<ServerProfileResult> {
    return this.guard(async () => {
      const checked = checkCallOptions({ ...options, profileId }, this.options);
      if (!checked.profileId) throw new NinetailedInputError('profileId', 'must be a profile id');
      const data = await deliver(
        { method: 'GET', url: this.profilesUrl(checked.profileId, checked), headers: {} },
        this.policy(),
      );
      return profileData(data);
    });
  }

  /**
   * Sends events for many profiles through the batch endpoint, each naming its profile with
   * `anonymousId`. Split automatically, in order, into requests of at most 50 profiles, 200
   * events and 50 identify events, sent one after another. Resolves with one profile per
   * distinct `anonymousId`. When a request fails the call rejects and the later ones are not
   * sent; re-sending events that carry their own `messageId` is then harmless (the API
   * deduplicates on it).
   *
   * @example
   * ```ts
   * const { profiles } = await ninetailed.batch([
   *   { anonymousId: 'user-0001', type: 'track', event: 'renewed', messageId: 'renewal-2025-0001' },
   *   { anonymousId: 'user-0002', type: 'identify', userId: 'crm-42', traits: { plan: 'pro' } },
   * ]);
   * ```
   */
  batch(events: readonly ServerBatchEvent[], options?: ServerBatchOptions): Promise<ServerBatchResult> {
    return this.guard(async () => {
      const checked = checkCallOptions(options, this.options);
      const wire = batchWireEvents(events, {
        consent: checked.consent,
        context: options?.context,
        contactInfo: this.options.privacy?.contactInfo ?? 'warn',
        warn: (found) => this.warnContactInfo(found),
      });
      const chunks = splitBatch(wire);
      const answered = new Map<string, Profile>();
      for (const [index, chunk] of chunks.entries()) {
        let data: unknown;
        try {
          data = await deliver(this.request(this.endpoint('events', checked), chunk, checked), this.policy());
        } catch (error) {
          if (!index || !(error instanceof NinetailedDeliveryError)) throw error;
          throw new NinetailedDeliveryError(
            error.code,
            error.status,
            `${error.message.replace(/^\[ninetailed\] /, '')} (request ${index + 1} of ${chunks.length}; ` +
              `the ${index} before it were accepted)`,
            error.retryAfter,
          );
        }
        const ids = [...new Set(chunk.map((event) => event.anonymousId))];
        const profiles = (data as { profiles?: unknown } | undefined)?.profiles;
        if (!Array.isArray(profiles) || profiles.length !== ids.length) {
          throw new NinetailedDeliveryError(
            'ERR_BAD_RESPONSE',
            200,
            'the batch answer holds no profile per anonymousId',
          );
        }
        for (const [i, id] of ids.entries()) answered.set(id, profiles[i] as Profile);
      }
      this.logger.print('debug', `batch: ${wire.length} events in ${chunks.length} requests`);
      return { profiles: [...answered.values()] };
    });
  }

  /** Builds, sends, and on `ERR_PROFILE_NOT_FOUND` re-sends the same event to a new profile. */
  private call(
    build: () => EventPayload,
    options: ServerCallOptions | undefined,
  ): Promise<ServerProfileResult> {
    return this.guard(async () => {
      const checked = checkCallOptions(options, this.options);
      const context = (options as ServerCallOptions | undefined)?.context;
      const event = buildServerEvent(build(), context, checked.consent, Date.now());
      const send = (profileId: string | undefined) =>
        deliver(this.request(this.profilesUrl(profileId, checked), [event], checked), this.policy());
      try {
        return profileData(await send(checked.profileId));
      } catch (error) {
        if (!checked.profileId || (error as NinetailedDeliveryError).code !== 'ERR_PROFILE_NOT_FOUND')
          throw error;
        this.logger.print(
          'info',
          `profile "${checked.profileId}" is unknown to the API (deleted or merged away): the event goes to a new profile`,
        );
        return { ...profileData(await send(undefined)), replacedProfileId: checked.profileId };
      }
    });
  }

  /** Runs `work`; any failure goes to `onError` (and the log), then rejects the call. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.logger.print('error', printable(error instanceof Error ? error.message : error));
      try {
        this.options.onError?.(error as Error);
      } catch {}
      throw error;
    }
  }

  private warnContactInfo(found: string[]): void {
    this.logger.print(
      'warn',
      `identify: ${found.join(', ')} look like contact info; option privacy.contactInfo 'strip' removes them, 'allow' silences this`,
    );
  }

  private base(): string {
    const { url, clientId, environment } = this.options;
    return `${url}/v2/organizations/${encodeURIComponent(clientId)}/environments/${encodeURIComponent(environment)}`;
  }

  /** `{base}/{path}` with `?type=preflight` and `?locale=` when they apply. */
  private endpoint(path: string, options: CheckedCallOptions): string {
    const query = new URLSearchParams();
    if (options.preflight) query.set('type', 'preflight');
    if (options.locale) query.set('locale', options.locale);
    const search = query.toString();
    return `${this.base()}/${path}${search ? `?${search}` : ''}`;
  }

  private profilesUrl(profileId: string | undefined, options: CheckedCallOptions): string {
    return this.endpoint(profileId ? `profiles/${encodeURIComponent(profileId)}` : 'profiles', options);
  }

  private request(url: string, events: NinetailedEvent[], options: CheckedCallOptions): DeliveryRequest {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (options.ip) headers['X-Force-IP'] = options.ip;
    return {
      method: 'POST',
      url,
      headers,
      // `sentAt` is when this attempt leaves; the messageIds stay, so a retry stores nothing twice.
      body: () => {
        const sentAt = new Date().toISOString();
        return JSON.stringify({
          events: events.map((event) => ({ ...event, sentAt })),
          options: options.consent ? { features: FEATURES } : {},
        });
      },
    };
  }

  private policy() {
    const { fetch, requestTimeout, retries, totalTimeout } = this.options;
    return {
      // Looked up at each request, so a fetch patched after construction (tests, APM) is used.
      fetch: fetch ?? ((url: string, init: object) => globalThis.fetch(url, init)),
      timeout: requestTimeout,
      retries,
      budget: totalTimeout,
      onRetry: (error: NinetailedDeliveryError, wait: number) =>
        this.logger.print('info', `${error.message.replace(/^\[ninetailed\] /, '')}; retrying in ${wait} ms`),
    };
  }
}

/** The `data` of a profile answer, checked. */
function profileData(data: unknown): ServerProfileResult {
  const d = data as Partial<ServerProfileResult> | undefined;
  if (typeof d?.profile?.id !== 'string') {
    throw new NinetailedDeliveryError('ERR_BAD_RESPONSE', 200, 'the answer holds no profile');
  }
  return {
    profile: d.profile,
    experiences: Array.isArray(d.experiences) ? d.experiences : [],
    changes: Array.isArray(d.changes) ? d.changes : [],
  };
}
