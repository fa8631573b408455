import { NinetailedInputError } from './errors';
import { MAX_NAME } from './limits';

/**
 * Throws a `NinetailedInputError` for `field` ("must be `expected`") unless `ok`.
 *
 * @example
 * ```ts
 * check(typeof id === 'string', 'id', 'a string'); // throws: [ninetailed] id: must be a string
 * ```
 */
export function check(ok: unknown, field: string, expected: string): void {
  if (!ok) throw new NinetailedInputError(field, `must be ${expected}`);
}

/**
 * `true` for a non-empty string of at most `MAX_NAME` characters (an id, a name).
 *
 * @example
 * ```ts
 * isName('cta-test'); // true
 * isName(''); // false
 * ```
 */
export const isName = (value: unknown): value is string =>
  typeof value === 'string' && !!value && value.length <= MAX_NAME;
