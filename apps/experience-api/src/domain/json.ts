import { invalid } from './errors';
import type { JsonObject } from './types';

/** Deepest nesting accepted in properties, traits or context. */
export const MAX_JSON_DEPTH = 32;

/** Longest object key accepted (a trait or property name, not a value). */
export const MAX_KEY_LENGTH = 1024;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * The path of a key below `path`, for error messages: `traits.city` for a plain name, else the
 * key JSON-quoted and cut to 64 characters (`traits["a.b"]`, `traits["\u0000…"]`), so a hostile
 * key can neither bloat nor garble the message.
 *
 * @example
 * keyPath('events[0].traits', 'city'); // 'events[0].traits.city'
 * keyPath('events[0].traits', 'a b'); // 'events[0].traits["a b"]'
 */
export function keyPath(path: string, key: string): string {
  if (key.length <= 64 && IDENTIFIER.test(key)) return `${path}.${key}`;
  return `${path}[${JSON.stringify(key.length > 64 ? `${key.slice(0, 64)}…` : key)}]`;
}

/**
 * `true` for a plain JSON object (not `null`, not an array).
 *
 * @example
 * isObject({}); // true
 * isObject([]); // false
 */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a parsed JSON value for what JSON.parse lets through but the server must not store:
 * numbers too large for a double (`1e400` parses to Infinity), lone surrogates (not valid
 * Unicode), `__proto__` keys (prototype pollution in merges), huge keys and absurd nesting.
 * Other odd keys (`constructor`, `prototype`, NUL bytes) are plain data: merges and lookups
 * only touch own properties.
 * Throws a 400 naming the path of the first problem.
 *
 * @example
 * assertSafeJson({ a: [1, 'x'] }, 'events[0].properties'); // passes
 */
export function assertSafeJson(value: unknown, path: string, depth = 0): void {
  if (depth > MAX_JSON_DEPTH) throw invalid(path, `nested deeper than ${MAX_JSON_DEPTH} levels`);
  if (typeof value === 'string') {
    if (!value.isWellFormed()) throw invalid(path, 'is not valid Unicode (lone surrogate)');
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(path, 'is a number out of range');
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) assertSafeJson(value[i], `${path}[${i}]`, depth + 1);
    return;
  }
  if (isObject(value)) {
    for (const key of Object.keys(value)) {
      if (key === '__proto__') throw invalid(`${path}.__proto__`, 'key is not allowed');
      if (!key.isWellFormed()) throw invalid(path, 'has a key that is not valid Unicode (lone surrogate)');
      if (key.length > MAX_KEY_LENGTH) {
        throw invalid(keyPath(path, key), `key is longer than ${MAX_KEY_LENGTH} characters`);
      }
      assertSafeJson(value[key], keyPath(path, key), depth + 1);
    }
  }
}

/**
 * Reads a dot path (`address.city`) from a JSON object.
 *
 * @example
 * getPath({ a: { b: 1 } }, 'a.b'); // 1
 */
export function getPath(object: JsonObject, path: string): unknown {
  let current: unknown = object;
  for (const part of path.split('.')) {
    if (!isObject(current) || !Object.hasOwn(current, part)) return undefined;
    current = current[part];
  }
  return current;
}
