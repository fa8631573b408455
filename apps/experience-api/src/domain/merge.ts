import type { StoredProfile } from '../store/store';
import { isObject } from './json';
import type { JsonObject } from './types';

/**
 * Deep-merges `later` into `earlier` (section 6: traits are deep-merged, later wins). Objects
 * merge key by key; any other value (arrays included) replaces. Inputs are not modified.
 *
 * @example
 * deepMerge({ a: { x: 1, y: 1 } }, { a: { y: 2 } }); // { a: { x: 1, y: 2 } }
 */
export function deepMerge(earlier: JsonObject, later: JsonObject): JsonObject {
  const result: JsonObject = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    // Validation refuses "__proto__"; this guard keeps the merge safe on its own.
    if (key === '__proto__') continue;
    const current = result[key];
    result[key] = isObject(current) && isObject(value) ? deepMerge(current, value) : value;
  }
  return result;
}

/**
 * The surviving profile after merging `from` into `into` (an alias that `into` already holds was
 * identified on `from`): `into` keeps its ids and `random`; traits merge with the most recently
 * active profile winning; the location comes from the most recently active profile that has one.
 *
 * @example
 * const survivor = mergeProfiles(anonymousProfile, aliasHolder);
 */
export function mergeProfiles(from: StoredProfile, into: StoredProfile): StoredProfile {
  const fromIsNewer = from.lastSeenAt >= into.lastSeenAt;
  const [older, newer] = fromIsNewer ? [into, from] : [from, into];
  return {
    ...into,
    traits: deepMerge(older.traits, newer.traits),
    location: Object.keys(newer.location).length > 0 ? newer.location : older.location,
    createdAt: Math.min(from.createdAt, into.createdAt),
    lastSeenAt: Math.max(from.lastSeenAt, into.lastSeenAt),
  };
}
