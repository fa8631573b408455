/**
 * Wire types of the Experience API (see `docs/protocol.md`, sections 3 and 4): the SDK and the
 * local Experience API (`apps/experience-api`) both use these definitions.
 *
 * The profile every profile endpoint answers with (section 4).
 *
 * @example
 * ```ts
 * import type { Profile } from '@ninetailed/experience.js';
 * const audiences = (profile: Profile) => profile.audiences;
 * ```
 */
export interface Profile {
  id: string;
  stableId: string;
  random: number;
  audiences: string[];
  traits: Record<string, unknown>;
  location: GeoLocation;
  session: SessionStatistics;
}

/**
 * `profile.location` (section 4): every field is optional.
 *
 * @example
 * ```ts
 * import type { GeoLocation } from '@ninetailed/experience.js';
 * const inGermany = (location: GeoLocation) => location.countryCode === 'DE';
 * ```
 */
export interface GeoLocation {
  coordinates?: { latitude: number; longitude: number };
  city?: string;
  postalCode?: string;
  region?: string;
  regionCode?: string;
  country?: string;
  /** An ISO 3166-1 alpha-2 code such as `DE`, or `unknown`. */
  countryCode?: string;
  continent?: string;
  timezone?: string;
}

/**
 * `profile.session` (section 4): every field is always present; lengths are in milliseconds.
 *
 * @example
 * ```ts
 * import type { SessionStatistics } from '@ninetailed/experience.js';
 * const entry = (session: SessionStatistics) => session.landingPage.path;
 * ```
 */
export interface SessionStatistics {
  id: string;
  isReturningVisitor: boolean;
  /** The first page of the current session. */
  landingPage: PageContext;
  count: number;
  activeSessionLength: number;
  averageSessionLength: number;
}

/**
 * The variant of one experience selected for the visitor. The Experience API always sends
 * `sticky`; it is optional here so that answers of older APIs and hand-written
 * `initialProfile` data (v7 accepted both) still fit.
 *
 * @example
 * ```ts
 * import type { SelectedVariantInfo } from '@ninetailed/experience.js';
 * const pick = (e: SelectedVariantInfo) => e.variants;
 * ```
 */
export interface SelectedVariantInfo {
  experienceId: string;
  variantIndex: number;
  variants: Record<string, string>;
  sticky?: boolean;
}

/**
 * A change (for example a Variable value) applied by an experience.
 *
 * @example
 * ```ts
 * import type { Change } from '@ninetailed/experience.js';
 * const valueOf = (c: Change) => c.value;
 * ```
 */
export interface Change {
  type: 'Variable';
  key: string;
  value: unknown;
  meta: { experienceId: string; variantIndex: number };
}

/**
 * Page fields as sent in `context.page` (and as `session.landingPage`).
 *
 * @example
 * ```ts
 * import type { PageContext } from '@ninetailed/experience.js';
 * const p: PageContext = { url: 'https://a.b/', path: '/', search: '', query: {}, referrer: '' };
 * ```
 */
export interface PageContext {
  url: string;
  path: string;
  search: string;
  query: Record<string, string>;
  referrer: string;
}

/**
 * The `context` every event carries, read at call time.
 *
 * @example
 * ```ts
 * import type { EventContext } from '@ninetailed/experience.js';
 * const consented = (c: EventContext) => c.gdpr.isConsentGiven;
 * ```
 */
export interface EventContext {
  library: { name: string; version: string };
  userAgent: string;
  locale: string;
  campaign: Record<string, string>;
  page: PageContext;
  gdpr: { isConsentGiven: boolean };
  location?: Record<string, unknown>;
}

/**
 * Fields common to every event.
 *
 * @example
 * ```ts
 * import type { BaseEvent } from '@ninetailed/experience.js';
 * const id = (e: BaseEvent) => e.messageId;
 * ```
 */
export interface BaseEvent {
  channel: 'web';
  messageId: string;
  originalTimestamp: string;
  timestamp: string;
  /** Set when the request leaves; absent while the event waits in the outbox. */
  sentAt?: string;
  context: EventContext;
}

/**
 * A `page` event.
 *
 * @example
 * ```ts
 * import type { PageEvent } from '@ninetailed/experience.js';
 * const category = (e: PageEvent) => e.properties.category;
 * ```
 */
export interface PageEvent extends BaseEvent {
  type: 'page';
  properties: PageContext & { title: string } & Record<string, unknown>;
}

/**
 * A `track` event.
 *
 * @example
 * ```ts
 * import type { TrackEvent } from '@ninetailed/experience.js';
 * const name = (e: TrackEvent) => e.event;
 * ```
 */
export interface TrackEvent extends BaseEvent {
  type: 'track';
  event: string;
  properties: Record<string, unknown>;
}

/**
 * An `identify` event (`userId` is `''` for traits only).
 *
 * @example
 * ```ts
 * import type { IdentifyEvent } from '@ninetailed/experience.js';
 * const alias = (e: IdentifyEvent) => e.userId;
 * ```
 */
export interface IdentifyEvent extends BaseEvent {
  type: 'identify';
  userId: string;
  traits: Record<string, unknown>;
}

/**
 * A `component` event: a counted view of a sticky experience's variant, so the API keeps that
 * variant for the visitor (`experience-api.md`, sections 3 and 8).
 *
 * @example
 * ```ts
 * import type { ComponentEvent } from '@ninetailed/experience.js';
 * const seen = (e: ComponentEvent) => `${e.experienceId}#${e.variantIndex}`;
 * ```
 */
export interface ComponentEvent extends BaseEvent {
  type: 'component';
  componentType: 'Entry' | 'Variable';
  componentId: string;
  experienceId: string;
  variantIndex: number;
}

/**
 * Any event this SDK sends.
 *
 * @example
 * ```ts
 * import type { NinetailedEvent } from '@ninetailed/experience.js';
 * const isPage = (e: NinetailedEvent) => e.type === 'page';
 * ```
 */
export type NinetailedEvent = PageEvent | TrackEvent | IdentifyEvent | ComponentEvent;

/**
 * The `data` of a successful profile response.
 *
 * @example
 * ```ts
 * import type { ProfileResponseData } from '@ninetailed/experience.js';
 * const idOf = (d: ProfileResponseData) => d.profile.id;
 * ```
 */
export interface ProfileResponseData {
  profile: Profile;
  experiences: SelectedVariantInfo[];
  changes: Change[];
}

/**
 * The state of the visitor's profile, as published to subscribers (v7's union): narrow it by
 * `status`. `loading`: nothing yet. `success`: `profile`, `experiences` and `changes` are set.
 * `error`: `error` is set; the last profile (if any) stays. `from`: `api` (an answer to this
 * page's events; also the `loading` state), `hydrated` (not answered on this page yet: stored by
 * an earlier page, or fetched by the server for this page, the `initialProfile` option).
 * The object keeps its identity until something really changes.
 *
 * @example
 * ```ts
 * ninetailed.onProfileChange((state) => {
 *   if (state.status === 'success') console.log(state.profile.audiences);
 *   if (state.status === 'error') console.warn(state.error.message);
 * });
 * ```
 */
export type ProfileState =
  | {
      status: 'loading';
      profile: null;
      experiences: null;
      changes: null;
      error: null;
      from: 'api' | 'hydrated';
    }
  | {
      status: 'success';
      profile: Profile;
      experiences: SelectedVariantInfo[];
      changes: Change[];
      error: null;
      from: 'api' | 'hydrated';
    }
  | {
      status: 'error';
      profile: Profile | null;
      experiences: SelectedVariantInfo[] | null;
      changes: Change[] | null;
      error: Error;
      from: 'api' | 'hydrated';
    };

/**
 * The profile's `changes` (merge tags, flags), as `onChangesChange` publishes them (v7's union).
 *
 * @example
 * ```ts
 * ninetailed.onChangesChange((state) => state.status === 'success' && console.log(state.changes));
 * ```
 */
export type ChangesState =
  | { status: 'loading'; changes: null; error: null }
  | { status: 'success'; changes: Change[]; error: null }
  | { status: 'error'; changes: null; error: Error };

/**
 * What `page`, `track`, `identify` and `batch` resolve with (v7's shape): `success: true` once
 * the API accepted the event or it is safely kept (held for consent, or for a retry);
 * `success: false` with the `error` (a `NinetailedError` with a `code`) for bad input or an
 * event the API refused. The promise never rejects.
 *
 * @example
 * ```ts
 * const { success, error } = await ninetailed.track('signup');
 * if (!success) console.warn(error?.message);
 * ```
 */
export interface FlushResult {
  success: boolean;
  error?: Error;
}

/**
 * v7's per-call options: which plugins hear this event (`all`, then a plugin's `name` wins).
 *
 * @example
 * ```ts
 * ninetailed.track('signup', {}, { plugins: { all: false, 'ninetailed:google-tagmanager': true } });
 * ```
 */
export interface EventFunctionOptions {
  plugins?: { all?: boolean; [name: string]: boolean | undefined };
}
