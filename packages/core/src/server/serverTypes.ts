import type { Profile, ProfileResponseData } from '../types';
import type { RequestContext } from './requestContext';

/**
 * Per-call options of `page`, `track`, `identify` and `preflight`.
 *
 * @example
 * ```ts
 * await ninetailed.track('signup', { plan: 'pro' }, {
 *   profileId: readProfileIdCookie(request.headers.get('cookie')),
 *   ip: request.headers.get('x-real-ip') ?? undefined,
 *   context: requestContext(request),
 * });
 * ```
 */
export interface ServerCallOptions {
  /** The visitor's profile id (from the `ntaid` cookie). Without it a new profile is created. */
  profileId?: string;
  /** The visitor's IP, sent as `X-Force-IP` so the API enriches the location from it. */
  ip?: string;
  /** Localises location names (`?locale=`); wins over the client's `locale` option. */
  locale?: string;
  /** What the server knows of the visitor's page view: URL, referrer, user agent, language. */
  context?: RequestContext;
  /** `gdpr.isConsentGiven` for this call (and IP enrichment). Default: the client's `consent`. */
  consent?: boolean;
  /** Evaluate only (`?type=preflight`): the API answers as if the events were stored, and stores nothing. */
  preflight?: boolean;
}

/**
 * What `page`, `track`, `identify`, `preflight` and `getProfile` resolve with: the profile,
 * the selected experiences and their changes (`experience-api.md`, section 4).
 *
 * @example
 * ```ts
 * const { profile, experiences, changes, replacedProfileId } = await ninetailed.page({}, { profileId });
 * if (profile.id !== profileId) response.headers.append('Set-Cookie', profileIdCookie(profile.id));
 * ```
 */
export interface ServerProfileResult extends ProfileResponseData {
  /**
   * Set when `profileId` was unknown to the API (deleted, or merged away): the same events then
   * went to a new profile, `profile.id`, and this holds the id that was not found.
   */
  replacedProfileId?: string;
}

/**
 * One event of `batch(...)`: a `page`, `track` or `identify` for the profile `anonymousId`
 * (a profile id, or your own id for a profile the API then creates under that id).
 *
 * @example
 * ```ts
 * const events: ServerBatchEvent[] = [
 *   { anonymousId: 'user-0001', type: 'track', event: 'renewed', properties: { plan: 'pro' } },
 *   { anonymousId: 'user-0002', type: 'identify', userId: 'crm-42', traits: { plan: 'free' } },
 *   { anonymousId: 'user-0003', type: 'page', properties: { category: 'news' }, context: { url: '/news/1' } },
 * ];
 * ```
 */
export type ServerBatchEvent = {
  anonymousId: string;
  /** Your own message id, so that re-sending the same batch after a failure stores nothing twice. */
  messageId?: string;
  /** When the event happened. Default: now. */
  timestamp?: Date | number;
  /** The page view the event belongs to. Default: the batch's `context`. */
  context?: RequestContext;
} & (
  | { type: 'page'; properties?: Record<string, unknown> }
  | { type: 'track'; event: string; properties?: Record<string, unknown> }
  | { type: 'identify'; userId: string; traits?: Record<string, unknown> }
);

/**
 * Options of `batch(...)`.
 *
 * @example
 * ```ts
 * await ninetailed.batch(events, { consent: false, context: { userAgent: 'crm-sync/1.0' } });
 * ```
 */
export interface ServerBatchOptions {
  /** Sent as `X-Force-IP` with every request of the batch. */
  ip?: string;
  /** Localises location names (`?locale=`). */
  locale?: string;
  /** `gdpr.isConsentGiven` of every event. Default: the client's `consent`. */
  consent?: boolean;
  /** The context of events that carry none. */
  context?: RequestContext;
}

/**
 * What `batch(...)` resolves with: one profile per distinct `anonymousId`, in order of first
 * appearance (the latest answer when a profile's events spanned several requests).
 *
 * @example
 * ```ts
 * const { profiles } = await ninetailed.batch(events);
 * profiles.map((profile) => profile.audiences);
 * ```
 */
export interface ServerBatchResult {
  profiles: Profile[];
}
