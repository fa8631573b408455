/**
 * What to do with traits or aliases that look like an email address or a phone number:
 * `warn` (default) logs a warning and sends them, `strip` removes them before sending,
 * `allow` sends them silently.
 *
 * @example
 * ```ts
 * new Ninetailed({ clientId: 'demo', privacy: { contactInfo: 'strip' } });
 * ```
 */
export type ContactInfoMode = 'warn' | 'strip' | 'allow';

/**
 * The privacy guard's options.
 *
 * @example
 * ```ts
 * const privacy: PrivacyOptions = { contactInfo: 'warn' };
 * ```
 */
export interface PrivacyOptions {
  contactInfo?: ContactInfoMode;
}

const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const PHONE = /^\+?[\d\s().-]+$/;
/** ISO dates and plain decimals are digits too, but not phone numbers. */
const NOT_PHONE = /^\d{4}-\d\d-\d\d|^\d+\.\d+$/;

/**
 * `true` when a string looks like an email address, or like a phone number (only digits and
 * `+ ( ) - .` separators, 8 to 15 digits, not an ISO date or a decimal). Strings over 256
 * characters are never flagged.
 *
 * @example
 * ```ts
 * import { looksLikeContactInfo } from '@ninetailed/experience.js';
 * looksLikeContactInfo('jane@example.com'); // true
 * looksLikeContactInfo('+49 30 1234567'); // true
 * looksLikeContactInfo('red'); // false
 * ```
 */
export function looksLikeContactInfo(value: string): boolean {
  // Longer strings are not contact info, and would make the email pattern slow (it backtracks).
  if (value.length > 256) return false;
  const digits = value.replace(/\D/g, '').length;
  return EMAIL.test(value) || (PHONE.test(value) && digits >= 8 && digits <= 15 && !NOT_PHONE.test(value));
}

/**
 * Finds contact info in an identity: the alias `uid` and the (nested) trait values. With `strip`,
 * removes what it found, in place: `uid` and trait keys are deleted, array items become `null`.
 * Returns the paths that matched (`uid`, `traits.email`, `traits.phones.0`).
 *
 * @example
 * ```ts
 * import { guardContactInfo } from './privacy'; // internal
 * const identity = { uid: 'jane@example.com', traits: { email: 'jane@example.com', color: 'red' } };
 * guardContactInfo(identity, 'strip'); // ['uid', 'traits.email']; identity is { traits: { color: 'red' } }
 * ```
 */
export function guardContactInfo(
  identity: { uid?: string; traits: Record<string, unknown> },
  mode: ContactInfoMode,
): string[] {
  const found: string[] = [];
  const walk = (node: Record<string, unknown> | unknown[], path: string): void => {
    for (const key of Object.keys(node)) {
      const value = (node as Record<string, unknown>)[key];
      const at = path + key;
      if (typeof value === 'string' && looksLikeContactInfo(value)) {
        found.push(at);
        if (mode === 'strip') {
          if (Array.isArray(node)) node[Number(key)] = null;
          else delete node[key];
        }
      } else if (value && typeof value === 'object') walk(value as Record<string, unknown>, `${at}.`);
    }
  };
  if (mode !== 'allow') walk(identity, '');
  return found;
}
