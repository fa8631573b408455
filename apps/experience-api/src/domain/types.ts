// The wire types of the protocol (docs/protocol.md sections 3 and 4) have one definition, in the
// core SDK, which sends and reads them; the server answers with exactly these shapes. They come
// from the core's Node entry (`/server`), which reads no browser global, so this Node program
// type-checks without DOM types. Type-only: the server's bundle does not import the core.
import type {
  NinetailedEvent,
  PageContext,
  Profile,
  SelectedVariantInfo as ReadSelectedVariantInfo,
  EventContext as SentEventContext,
} from '@ninetailed/experience.js/server';

export type { Change, PageContext, Profile, ProfileResponseData } from '@ninetailed/experience.js/server';

/**
 * One experience the profile entered, as this server writes it: `sticky` is always set (section
 * 4); the core's type leaves it optional for answers of older APIs and hand-written data.
 */
export type SelectedVariantInfo = Required<ReadSelectedVariantInfo>;

/** `profile.location` (section 4): every field is optional. */
export type GeoLocation = Profile['location'];

/** `profile.session` (section 4): every field is always present. */
export type SessionStatistics = Profile['session'];

/** Any value JSON can hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object (traits, properties). */
export type JsonObject = { [key: string]: JsonValue };

/** The event types of the protocol (section 3): `page`, `track`, `identify`, `component`. */
export type EventType = NinetailedEvent['type'];

/**
 * An event as received and validated. Known fields are typed; any other key the client sent
 * is kept as received (for example v7's `viewId` on component events).
 */
export interface ExperienceEvent {
  type: EventType;
  messageId: string;
  channel?: string;
  anonymousId?: string;
  originalTimestamp?: string;
  timestamp?: string;
  sentAt?: string;
  context?: EventContext;
  /** `page` and `track`. */
  properties?: JsonObject;
  /** `track`. */
  event?: string;
  /** `identify`. */
  userId?: string;
  traits?: JsonObject;
  /** `component` (a view of a sticky experience keeps its variant). */
  componentType?: Extract<NinetailedEvent, { type: 'component' }>['componentType'];
  componentId?: string;
  experienceId?: string;
  variantIndex?: number;
  [key: string]: unknown;
}

/**
 * `context` of an event as received: the fields the SDK always sends (the core's
 * `EventContext`) are each optional here, because any client (the v7 SDKs, server-side callers)
 * may leave them out; other keys are kept as received.
 */
export interface EventContext extends Partial<Pick<SentEventContext, 'userAgent' | 'locale'>> {
  library?: Partial<SentEventContext['library']>;
  campaign?: Campaign;
  /** Each page field may be missing (section 3 lists them; the server reads what is there). */
  page?: Partial<PageInfo>;
  gdpr?: Partial<SentEventContext['gdpr']>;
  location?: GeoLocation;
  [key: string]: unknown;
}

/** `context.campaign`: the `utm_*` keys of the page URL (`utm_campaign` as `name`). */
export interface Campaign {
  name?: string;
  source?: string;
  medium?: string;
  term?: string;
  content?: string;
}

/** A page as in `context.page` and `session.landingPage` (the core's `PageContext`). */
export type PageInfo = PageContext;
