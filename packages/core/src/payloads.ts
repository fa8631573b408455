import { NinetailedInputError } from './errors';
import type { EventPayload } from './events';
import { MAX_NAME } from './limits';
import { type ContactInfoMode, guardContactInfo } from './privacy';
import { isPlainObject, toJsonObject } from './validate';

/**
 * The payload of `page(properties)`; throws `NinetailedInputError` for bad input.
 *
 * @example
 * ```ts
 * pagePayload({ category: 'news' }); // { type: 'page', properties: { category: 'news' } }
 * ```
 */
export function pagePayload(properties: unknown): EventPayload {
  const copy = toJsonObject(properties, 'properties');
  // The page fields a caller overrides must keep their types (strings; `query` an object of
  // strings), or the API refuses the whole request, and with it other calls' events.
  for (const key of ['url', 'path', 'search', 'referrer', 'title', 'query']) {
    const value = copy[key];
    if (
      key in copy &&
      (key === 'query'
        ? !isPlainObject(value) || Object.values(value).some((item) => typeof item !== 'string')
        : typeof value !== 'string')
    ) {
      throw new NinetailedInputError(
        'properties',
        `"${key}" must be ${key === 'query' ? 'an object of strings' : 'a string'}`,
      );
    }
  }
  return { type: 'page', properties: copy };
}

/**
 * The payload of `track(event, properties)`; throws `NinetailedInputError` for bad input.
 *
 * @example
 * ```ts
 * trackPayload('add_to_cart', { sku: '9T41L' }).type; // 'track'
 * ```
 */
export function trackPayload(event: unknown, properties: unknown): EventPayload {
  if (typeof event !== 'string' || !event.trim() || event.length > MAX_NAME) {
    throw new NinetailedInputError('event', 'must be a non-empty name of at most 1024 characters');
  }
  return { type: 'track', event, properties: toJsonObject(properties, 'properties') };
}

/**
 * The payload of `identify(uid, traits)` after the privacy guard, or `null` when there is
 * nothing to send (no alias, no traits). `warn` receives the paths that look like contact info.
 *
 * @example
 * ```ts
 * identifyPayload('', { favoriteColor: 'red' }, 'warn', console.warn); // { type: 'identify', userId: '', traits: {...} }
 * identifyPayload('', undefined, 'warn', console.warn); // null
 * ```
 */
export function identifyPayload(
  uid: unknown,
  traits: unknown,
  mode: ContactInfoMode,
  warn: (found: string[]) => void,
): EventPayload | null {
  if (typeof uid !== 'string' || uid.length > MAX_NAME) {
    throw new NinetailedInputError('uid', 'must be a string of at most 1024 characters ("" for traits only)');
  }
  const identity: { uid?: string; traits: Record<string, unknown> } = {
    uid,
    traits: toJsonObject(traits, 'traits'),
  };
  const found = guardContactInfo(identity, mode);
  if (found.length) warn(found);
  const userId = identity.uid ?? '';
  return userId || Object.keys(identity.traits).length
    ? { type: 'identify', userId, traits: identity.traits }
    : null;
}
