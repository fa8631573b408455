import { NinetailedInputError, printable } from './errors';
import { MAX_DEPTH } from './limits';

/**
 * `true` for `{}`-style objects (prototype `Object.prototype` or `null`): the only objects JSON
 * keeps without loss.
 *
 * @example
 * ```ts
 * isPlainObject({ a: 1 }); // true
 * isPlainObject(new Map()); // false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    !!value && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))
  );
}

/**
 * The JSON text of `value`, refusing anything JSON would drop or corrupt (`undefined`,
 * functions, symbols, `BigInt`, `NaN`/`Infinity`, class instances without `toJSON` (a `Map`
 * would become `{}`), cycles) and what the Experience API refuses (a `__proto__` key, lone
 * surrogates, nesting deeper than `MAX_DEPTH`), so one bad call can never spoil a request.
 * Objects with `toJSON` (a `Date`) are kept as JSON writes them. Throws a
 * `NinetailedInputError` for `argument`, naming the bad key.
 *
 * @example
 * ```ts
 * toJsonText({ when: new Date(0) }, 'traits'); // '{"when":"1970-01-01T00:00:00.000Z"}'
 * toJsonText({ f: () => 1 }, 'traits'); // throws: [ninetailed] traits: "f" holds function, not JSON
 * ```
 */
export function toJsonText(value: unknown, argument: string): string {
  const bad = (key: string, what: string): never => {
    throw new NinetailedInputError(argument, `${key ? `"${key}"` : 'it'} holds ${what}, not JSON`);
  };
  const wellFormed = (text: string) => (text as { isWellFormed?(): boolean }).isWellFormed?.() ?? true;
  const depths = new Map<unknown, number>();
  try {
    return JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
      const type = typeof v;
      const depth = (depths.get(this) ?? 0) + 1;
      if (depth > MAX_DEPTH) bad(key, `nesting deeper than ${MAX_DEPTH} levels`);
      if (key === '__proto__' || !wellFormed(key)) {
        throw new NinetailedInputError(argument, 'a key is "__proto__" or not valid Unicode; rename it');
      }
      if (type === 'string') {
        if (!wellFormed(v as string)) bad(key, 'a lone surrogate');
      } else if (type === 'number') {
        if (!Number.isFinite(v)) bad(key, String(v));
      } else if (type === 'object') {
        if (v && !Array.isArray(v) && !isPlainObject(v)) bad(key, 'a class instance');
        depths.set(v, depth);
        // What is left and not a boolean: undefined, a function, a symbol or a BigInt.
      } else if (type !== 'boolean') bad(key, type);
      return v;
    });
  } catch (error) {
    if (error instanceof NinetailedInputError) throw error;
    // Cycles (TypeError), extreme nesting (RangeError) and getters or Proxy traps that throw end
    // up here. Printed safely: what a hostile getter throws may not convert to a string.
    throw new NinetailedInputError(argument, `cannot be written as JSON (${printable(error)})`);
  }
}

/**
 * Validates an optional properties/traits argument and returns a JSON copy of it, taken now:
 * `undefined` gives `{}`, a plain object its copy; anything else throws `NinetailedInputError`.
 *
 * @example
 * ```ts
 * toJsonObject({ sku: '9T41L' }, 'properties'); // { sku: '9T41L' } (a copy)
 * toJsonObject('x', 'properties'); // throws: [ninetailed] properties: must be a plain object
 * ```
 */
export function toJsonObject(value: unknown, argument: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new NinetailedInputError(argument, 'must be a plain object');
  return JSON.parse(toJsonText(value, argument));
}

/**
 * UTF-8 byte length of a string (what a request body weighs).
 *
 * @example
 * ```ts
 * byteLength('é'); // 2
 * ```
 */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
