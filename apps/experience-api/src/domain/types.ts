/** Any value JSON can hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object (traits, properties). */
export type JsonObject = { [key: string]: JsonValue };

/** The event types of the protocol (section 3 of experience-api.md). */
export type EventType = 'page' | 'track' | 'identify' | 'component';

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
  /** `component` (`Entry` or `Variable`; a view of a sticky experience keeps its variant). */
  componentType?: string;
  componentId?: string;
  experienceId?: string;
  variantIndex?: number;
  [key: string]: unknown;
}

/** `context` of an event. */
export interface EventContext {
  library?: { name?: string; version?: string };
  userAgent?: string;
  locale?: string;
  campaign?: Campaign;
  page?: PageInfo;
  gdpr?: { isConsentGiven?: boolean };
  location?: GeoLocation;
  [key: string]: unknown;
}

/** `context.campaign`: the `utm_*` keys of the page URL. */
export interface Campaign {
  name?: string;
  source?: string;
  medium?: string;
  term?: string;
  content?: string;
}

/** A page as in `context.page` and `session.landingPage`. */
export interface PageInfo {
  url: string;
  path: string;
  search: string;
  query: Record<string, string>;
  referrer: string;
}

/** `profile.location`: every field is optional. */
export interface GeoLocation {
  coordinates?: { latitude: number; longitude: number };
  city?: string;
  postalCode?: string;
  region?: string;
  regionCode?: string;
  country?: string;
  countryCode?: string;
  continent?: string;
  timezone?: string;
}

/** `profile.session` (section 4): every field is always present. */
export interface SessionStatistics {
  id: string;
  isReturningVisitor: boolean;
  landingPage: PageInfo;
  count: number;
  activeSessionLength: number;
  averageSessionLength: number;
}

/** The profile returned by every profile endpoint (section 4). */
export interface Profile {
  id: string;
  stableId: string;
  random: number;
  audiences: string[];
  traits: JsonObject;
  location: GeoLocation;
  session: SessionStatistics;
}

/** `SelectedVariantInfo` of section 4: one experience the profile entered, and its variant. */
export interface SelectedVariantInfo {
  experienceId: string;
  variantIndex: number;
  variants: Record<string, string>;
  sticky: boolean;
}

/** `Change` of section 4: the value of one `InlineVariable` of an entered experience. */
export interface Change {
  type: 'Variable';
  key: string;
  value: JsonValue;
  meta: { experienceId: string; variantIndex: number };
}

/** `data` of a profile endpoint's answer. */
export interface ProfileResponseData {
  profile: Profile;
  experiences: SelectedVariantInfo[];
  changes: Change[];
}
