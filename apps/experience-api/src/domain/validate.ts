import { invalid, quote } from './errors';
import { assertSafeJson, isObject, keyPath } from './json';
import type { ExperienceEvent, JsonObject } from './types';

/**
 * Limits of one request (section 5 of experience-api.md), plus the local server's bounds on
 * what one event and one profile may hold and on how many events one read evaluates.
 */
export const LIMITS = {
  events: 200,
  identifyEvents: 50,
  profiles: 50,
  /** Bytes of one event as JSON (Segment's bound): beyond it the request answers 400. */
  eventBytes: 32 * 1024,
  /** Bytes of a profile's traits as JSON: an identify that would grow them past it answers 400. */
  traitsBytes: 256 * 1024,
} as const;

const EVENT_TYPES = new Set(['page', 'track', 'identify', 'component']);
const ID_MAX = 256;
const NAME_MAX = 1024;
// Up to nanoseconds; the parts are range-checked below (Date.parse rolls 30 February over).
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;
const COUNTRY_CODE = /^([A-Z]{2}|unknown)$/;

/** A validated request body of a profile or batch endpoint. */
export interface ValidatedBody {
  events: ExperienceEvent[];
  features: string[];
}

/**
 * Validates the body of a profile endpoint (`requireAnonymousId: false`) or of the batch
 * endpoint (`true`) strictly per sections 2, 3 and 5 of the protocol. Throws a 400 naming the
 * first bad path, for example `events[3].type: unknown event type "screen"`.
 *
 * @example
 * const { events } = validateBody(JSON.parse(text), { requireAnonymousId: false });
 */
export function validateBody(
  body: unknown,
  { requireAnonymousId }: { requireAnonymousId: boolean },
): ValidatedBody {
  if (!isObject(body)) throw invalid('body', 'must be a JSON object with an "events" array');
  const { events, options } = body;
  if (!Array.isArray(events)) throw invalid('events', 'must be an array of events');
  if (events.length === 0) throw invalid('events', 'must hold at least one event');
  if (events.length > LIMITS.events) {
    throw invalid(
      'events',
      `holds ${events.length} events; at most ${LIMITS.events} are allowed per request`,
    );
  }
  const features = validateOptions(options);
  let identifies = 0;
  const profiles = new Set<string>();
  const checked = events.map((event, index) => {
    const valid = validateEvent(event, `events[${index}]`, requireAnonymousId);
    if (valid.type === 'identify') identifies++;
    if (valid.anonymousId !== undefined) profiles.add(valid.anonymousId);
    return valid;
  });
  if (identifies > LIMITS.identifyEvents) {
    throw invalid(
      'events',
      `holds ${identifies} identify events; at most ${LIMITS.identifyEvents} are allowed`,
    );
  }
  if (requireAnonymousId && profiles.size > LIMITS.profiles) {
    throw invalid(
      'events',
      `name ${profiles.size} profiles; at most ${LIMITS.profiles} are allowed per request`,
    );
  }
  return { events: checked, features };
}

function validateOptions(options: unknown): string[] {
  if (options === undefined || options === null) return [];
  if (!isObject(options)) throw invalid('options', 'must be an object');
  const { features } = options;
  if (features === undefined) return [];
  if (!Array.isArray(features) || features.some((f) => typeof f !== 'string')) {
    throw invalid('options.features', 'must be an array of strings');
  }
  return features as string[];
}

/**
 * Validates one event; returns it unchanged (as received) when it is valid.
 *
 * @example
 * validateEvent({ type: 'track', event: 'buy', messageId: 'm1' }, 'events[0]', false);
 */
export function validateEvent(event: unknown, path: string, requireAnonymousId: boolean): ExperienceEvent {
  if (!isObject(event)) throw invalid(path, 'must be an event object');
  const { type } = event;
  if (typeof type !== 'string') throw invalid(`${path}.type`, 'must be a string');
  if (!EVENT_TYPES.has(type)) {
    throw invalid(
      `${path}.type`,
      `unknown event type ${quote(type)} (expected page, track, identify or component)`,
    );
  }
  requireString(event, 'messageId', path, { nonEmpty: true, max: ID_MAX });
  if (requireAnonymousId) requireString(event, 'anonymousId', path, { nonEmpty: true, max: ID_MAX });
  else optionalString(event, 'anonymousId', path, ID_MAX);
  optionalString(event, 'channel', path, NAME_MAX);
  for (const key of ['originalTimestamp', 'timestamp', 'sentAt']) optionalTimestamp(event, key, path);
  if (event.context !== undefined) validateContext(event.context, `${path}.context`);

  switch (type) {
    case 'page':
      if (event.properties !== undefined) validatePageFields(event.properties, `${path}.properties`);
      break;
    case 'track':
      requireString(event, 'event', path, { nonEmpty: true, max: NAME_MAX });
      optionalObject(event, 'properties', path);
      break;
    case 'identify':
      requireString(event, 'userId', path, { nonEmpty: false, max: NAME_MAX });
      optionalObject(event, 'traits', path);
      break;
    case 'component':
      validateComponentFields(event, path);
      break;
  }
  assertSafeJson(event, path);
  const bytes = Buffer.byteLength(JSON.stringify(event));
  if (bytes > LIMITS.eventBytes) {
    throw invalid(path, `is ${bytes} bytes as JSON; one event may hold at most ${LIMITS.eventBytes} bytes`);
  }
  return event as unknown as ExperienceEvent;
}

/** `component` events (section 3): what sticky experiences are kept by. */
function validateComponentFields(event: JsonObject, path: string): void {
  requireString(event, 'componentType', path, { nonEmpty: true, max: NAME_MAX });
  if (event.componentType !== 'Entry' && event.componentType !== 'Variable') {
    throw invalid(
      `${path}.componentType`,
      `unknown component type ${quote(event.componentType as string)} (expected Entry or Variable)`,
    );
  }
  requireString(event, 'componentId', path, { nonEmpty: true, max: NAME_MAX });
  optionalString(event, 'experienceId', path, ID_MAX);
  if (event.experienceId === '') throw invalid(`${path}.experienceId`, 'must not be empty');
  const { variantIndex, viewDurationMs } = event;
  if (variantIndex !== undefined && !(Number.isInteger(variantIndex) && (variantIndex as number) >= 0)) {
    throw invalid(`${path}.variantIndex`, 'must be a non-negative integer');
  }
  if (
    viewDurationMs !== undefined &&
    !(typeof viewDurationMs === 'number' && Number.isFinite(viewDurationMs) && viewDurationMs >= 0)
  ) {
    throw invalid(`${path}.viewDurationMs`, 'must be a non-negative number of milliseconds');
  }
  optionalString(event, 'viewId', path, ID_MAX);
}

function validateContext(context: unknown, path: string): void {
  if (!isObject(context)) throw invalid(path, 'must be an object');
  if (context.library !== undefined) {
    if (!isObject(context.library)) throw invalid(`${path}.library`, 'must be an object');
    optionalString(context.library, 'name', `${path}.library`, NAME_MAX);
    optionalString(context.library, 'version', `${path}.library`, NAME_MAX);
  }
  optionalString(context, 'userAgent', path, 4096);
  optionalString(context, 'locale', path, NAME_MAX);
  if (context.campaign !== undefined) {
    if (!isObject(context.campaign)) throw invalid(`${path}.campaign`, 'must be an object');
    for (const key of ['name', 'source', 'medium', 'term', 'content']) {
      optionalString(context.campaign, key, `${path}.campaign`, NAME_MAX);
    }
  }
  if (context.page !== undefined) validatePageFields(context.page, `${path}.page`);
  if (context.gdpr !== undefined) {
    if (!isObject(context.gdpr)) throw invalid(`${path}.gdpr`, 'must be an object');
    const consent = context.gdpr.isConsentGiven;
    if (consent !== undefined && typeof consent !== 'boolean') {
      throw invalid(`${path}.gdpr.isConsentGiven`, 'must be a boolean');
    }
  }
  if (context.location !== undefined && context.location !== null) {
    validateLocation(context.location, `${path}.location`);
  }
}

/** `properties` of a page event and `context.page` share the page fields. */
function validatePageFields(page: unknown, path: string): void {
  if (!isObject(page)) throw invalid(path, 'must be an object');
  for (const key of ['url', 'path', 'search', 'referrer', 'title']) optionalString(page, key, path, 8192);
  const { query } = page;
  if (query !== undefined) {
    if (!isObject(query)) throw invalid(`${path}.query`, 'must be an object of strings');
    for (const [key, value] of Object.entries(query)) {
      if (typeof value !== 'string') throw invalid(keyPath(`${path}.query`, key), 'must be a string');
    }
  }
}

function validateLocation(location: unknown, path: string): void {
  if (!isObject(location)) throw invalid(path, 'must be an object');
  for (const key of ['city', 'postalCode', 'region', 'regionCode', 'country', 'continent', 'timezone']) {
    optionalString(location, key, path, NAME_MAX);
  }
  const { countryCode, coordinates } = location;
  if (countryCode !== undefined && !(typeof countryCode === 'string' && COUNTRY_CODE.test(countryCode))) {
    throw invalid(`${path}.countryCode`, 'must be an ISO 3166-1 alpha-2 code (such as "DE") or "unknown"');
  }
  if (coordinates !== undefined) {
    if (
      !isObject(coordinates) ||
      typeof coordinates.latitude !== 'number' ||
      typeof coordinates.longitude !== 'number'
    ) {
      throw invalid(`${path}.coordinates`, 'must be { latitude: number, longitude: number }');
    }
  }
}

function requireString(
  object: JsonObject,
  key: string,
  path: string,
  { nonEmpty, max }: { nonEmpty: boolean; max: number },
): void {
  const value = object[key];
  if (value === undefined) throw invalid(`${path}.${key}`, 'is required');
  if (typeof value !== 'string') throw invalid(`${path}.${key}`, `must be a string, got ${typeName(value)}`);
  if (nonEmpty && value.length === 0) throw invalid(`${path}.${key}`, 'must not be empty');
  if (value.length > max) throw invalid(`${path}.${key}`, `is longer than ${max} characters`);
}

function optionalString(object: JsonObject, key: string, path: string, max: number): void {
  if (object[key] === undefined) return;
  requireString(object, key, path, { nonEmpty: false, max });
}

function optionalObject(object: JsonObject, key: string, path: string): void {
  const value = object[key];
  if (value !== undefined && !isObject(value)) {
    throw invalid(`${path}.${key}`, `must be an object, got ${typeName(value)}`);
  }
}

function optionalTimestamp(object: JsonObject, key: string, path: string): void {
  const value = object[key];
  if (value === undefined) return;
  if (typeof value !== 'string' || !isDateTime(value)) {
    throw invalid(
      `${path}.${key}`,
      'must be an ISO 8601 date-time string (a real date and time, such as 2024-02-29T12:00:00.000Z)',
    );
  }
}

/**
 * `true` for an ISO 8601 date-time that names a real instant: the day exists in its month
 * (no 30 February), hours, minutes, seconds and offset in range, at most 9 fraction digits.
 *
 * @example
 * isDateTime('2024-02-29T00:00:00Z'); // true
 * isDateTime('2024-02-30T00:00:00Z'); // false
 */
export function isDateTime(value: string): boolean {
  if (value.length > 40) return false;
  const match = ISO_8601.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second = 0, offsetHours = 0, offsetMinutes = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  if (month === undefined || month < 1 || month > 12 || day === undefined || day < 1) return false;
  if (day > daysInMonth(year ?? 0, month)) return false;
  return (hour ?? 0) <= 23 && (minute ?? 0) <= 59 && second <= 59 && offsetHours <= 23 && offsetMinutes <= 59;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
