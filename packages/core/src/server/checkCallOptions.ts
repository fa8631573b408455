import { check } from '../check';
import { NinetailedInputError } from '../errors';
import { isPlainObject } from '../validate';
import { isLocale } from './serverOptions';

/** Call options after the checks: what the request is built from. */
export interface CheckedCallOptions {
  profileId?: string;
  ip?: string;
  locale?: string;
  consent: boolean;
  preflight: boolean;
}

// IPv4 or IPv6 (with an optional zone), nothing that could bend a header.
const IP = /^[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9_.-]{1,32})?$/;

/**
 * Checks the options of one call (`profileId` 1 to 256 characters, `ip` an IP address,
 * `locale` a language tag, `consent` and `preflight` booleans) and applies the defaults;
 * throws `NinetailedInputError` naming the option.
 *
 * @example
 * ```ts
 * checkCallOptions({ profileId: 'p1', ip: '203.0.113.7' }, { consent: true }).consent; // true
 * checkCallOptions({ ip: '1.2.3.4\r\nX: y' }, { consent: true }); // throws: [ninetailed] ip: must be an IP address
 * ```
 */
export function checkCallOptions(
  options: unknown,
  defaults: { consent: boolean; locale?: string },
): CheckedCallOptions {
  if (options !== undefined && !isPlainObject(options)) {
    throw new NinetailedInputError('options', 'must be a plain object');
  }
  const { profileId, ip, locale, consent, preflight } = (options ?? {}) as Record<string, unknown>;
  check(
    profileId === undefined || (typeof profileId === 'string' && !!profileId && profileId.length <= 256),
    'profileId',
    'a profile id of 1 to 256 characters (leave it out to create a profile)',
  );
  check(ip === undefined || (typeof ip === 'string' && IP.test(ip)), 'ip', 'an IP address');
  check(locale === undefined || isLocale(locale), 'locale', 'a BCP 47 language tag such as "de-DE"');
  check(consent === undefined || typeof consent === 'boolean', 'consent', 'a boolean');
  check(preflight === undefined || typeof preflight === 'boolean', 'preflight', 'a boolean');
  return {
    profileId: profileId as string | undefined,
    ip: ip as string | undefined,
    locale: (locale as string | undefined) ?? defaults.locale,
    consent: (consent as boolean | undefined) ?? defaults.consent,
    preflight: preflight === true,
  };
}
