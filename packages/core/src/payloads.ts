import { check, isCount, isName } from './check';
import type { StickyComponentView } from './componentView';
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

/**
 * Checks the component fields of a view (`trackStickyComponentView`, `observeElement`) and
 * returns them; throws `NinetailedInputError` naming the field. Not an object: the first field is
 * missing, and named. `experienceId` may be absent when `anyExperience` (a baseline shown
 * outside any experience).
 *
 * @example
 * ```ts
 * checkComponent({ componentType: 'Entry', componentId: 'hero-default', variantIndex: 0 }, true); // ok
 * checkComponent({ componentType: 'Entry', componentId: '', variantIndex: 0 }); // throws: componentId: must be a non-empty string
 * ```
 */
export function checkComponent(view: unknown, anyExperience?: boolean): StickyComponentView {
  const { componentType, componentId, experienceId, variantIndex } = Object(view) as StickyComponentView;
  check(componentType === 'Entry' || componentType === 'Variable', 'componentType', '"Entry" or "Variable"');
  check(isName(componentId), 'componentId', 'a non-empty string');
  check(
    (anyExperience && experienceId === undefined) || isName(experienceId),
    'experienceId',
    'a non-empty string',
  );
  check(isCount(variantIndex), 'variantIndex', 'an integer, 0 or more');
  return { componentType, componentId, experienceId, variantIndex };
}

/**
 * The payload of `trackStickyComponentView(view)`: the `component` event fields, checked (the
 * API refuses the whole request for one bad event); other keys are left out.
 *
 * @example
 * ```ts
 * componentPayload({ componentType: 'Entry', componentId: 'cta-bold', experienceId: 'cta-test', variantIndex: 1 });
 * // { type: 'component', componentType: 'Entry', componentId: 'cta-bold', experienceId: 'cta-test', variantIndex: 1 }
 * ```
 */
export function componentPayload(view: unknown): EventPayload {
  return { type: 'component', ...checkComponent(view) };
}
