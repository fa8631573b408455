import { NinetailedInputError } from '../errors';

/**
 * Name of the first-party cookie that carries the visitor's profile id between the browser and
 * the server (v7's name).
 *
 * @example
 * ```ts
 * import { NINETAILED_ANONYMOUS_ID_COOKIE } from '@ninetailed/experience.js/server';
 * const id = cookies().get(NINETAILED_ANONYMOUS_ID_COOKIE)?.value;
 * ```
 */
export const NINETAILED_ANONYMOUS_ID_COOKIE = 'ntaid';

/** Two years, in seconds: the cookie's default lifetime. */
const TWO_YEARS = 2 * 365 * 24 * 60 * 60;

// What a profile id looks like: the hosted and the local API answer UUIDs (36 characters);
// anything outside this alphabet or length is not an id this SDK handed out.
const PLAUSIBLE_ID = /^[A-Za-z0-9_-]{8,64}$/;
const DOMAIN = /^\.?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;

/**
 * `true` when `value` can be a profile id: 8 to 64 ASCII letters, digits, `-` or `_` (a UUID
 * fits). Anything else (quotes, `;`, spaces, `%`, non-ASCII, too short or long) is not.
 *
 * @example
 * ```ts
 * import { isPlausibleProfileId } from '@ninetailed/experience.js/server';
 * isPlausibleProfileId('3b241101-e2bb-4255-8caf-4136c566a962'); // true
 * isPlausibleProfileId('x; Domain=evil.example'); // false
 * ```
 */
export function isPlausibleProfileId(value: unknown): value is string {
  return typeof value === 'string' && PLAUSIBLE_ID.test(value);
}

/**
 * The profile id in the `ntaid` cookie, from a whole `Cookie` header (`a=1; ntaid=...`), a bare
 * cookie value, or a cookie object such as Next's `cookies().get('ntaid')`. Returns `undefined`
 * when there is none or when it is not a plausible id (see `isPlausibleProfileId`): a cookie
 * is visitor input, so a bad one is ignored (the visitor gets a new profile), never an error
 * and never sent on as an alias. With several `ntaid` cookies, the first plausible one wins
 * (browsers send the most specific path first).
 *
 * @example
 * ```ts
 * import { readProfileIdCookie } from '@ninetailed/experience.js/server';
 * readProfileIdCookie(request.headers.get('cookie')); // '3b241101-e2bb-4255-8caf-4136c566a962' or undefined
 * readProfileIdCookie('theme=dark; ntaid=<script>'); // undefined
 * ```
 */
export function readProfileIdCookie(cookie: unknown): string | undefined {
  if (cookie && typeof cookie === 'object') {
    const { value } = cookie as { value?: unknown };
    return readProfileIdCookie(typeof value === 'string' ? value : undefined);
  }
  if (typeof cookie !== 'string') return undefined;
  if (!/[=;]/.test(cookie)) return plausible(cookie);
  for (const pair of cookie.split(';')) {
    const equals = pair.indexOf('=');
    if (equals < 0 || pair.slice(0, equals).trim() !== NINETAILED_ANONYMOUS_ID_COOKIE) continue;
    const id = plausible(pair.slice(equals + 1));
    if (id) return id;
  }
  return undefined;
}

/** The id in one raw cookie value (trimmed, unquoted, percent-decoded) when it is plausible. */
function plausible(raw: string): string | undefined {
  // Checked before decoding too, so a huge value costs no decoding.
  let value = raw.trim();
  if (value.length > 3 * 64 + 2) return undefined;
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  try {
    value = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  return isPlausibleProfileId(value) ? value : undefined;
}

/**
 * Attributes of the `ntaid` cookie.
 *
 * @example
 * ```ts
 * const options: ProfileIdCookieOptions = { domain: 'shop.example', secure: true };
 * ```
 */
export interface ProfileIdCookieOptions {
  /** Lifetime in seconds. Default two years (63072000). */
  maxAge?: number;
  /** `Domain` attribute (to share the id with subdomains). Default none: this host only. */
  domain?: string;
  /** Adds `Secure` (the cookie then travels only over https). Default `false`, so that http://localhost works. */
  secure?: boolean;
}

/**
 * The `Set-Cookie` value that keeps `id` in the `ntaid` cookie: `Path=/`, `SameSite=Lax`, two
 * years, readable by the browser SDK (not `HttpOnly`). Throws `NinetailedInputError` for an id
 * that is not plausible (see `isPlausibleProfileId`) or a bad option, so a hostile value can
 * never add cookie attributes.
 *
 * @example
 * ```ts
 * import { profileIdCookie } from '@ninetailed/experience.js/server';
 * response.headers.append('Set-Cookie', profileIdCookie(result.profile.id, { secure: true }));
 * // 'ntaid=3b241101-e2bb-4255-8caf-4136c566a962; Path=/; Max-Age=63072000; SameSite=Lax; Secure'
 * ```
 */
export function profileIdCookie(id: string, options: ProfileIdCookieOptions = {}): string {
  const { maxAge = TWO_YEARS, domain, secure = false } = options;
  if (!isPlausibleProfileId(id)) {
    throw new NinetailedInputError('id', 'must be a profile id of 8 to 64 letters, digits, "-" or "_"');
  }
  if (!Number.isSafeInteger(maxAge) || maxAge < 0) {
    throw new NinetailedInputError('maxAge', 'must be a whole number of seconds, 0 or more');
  }
  if (domain !== undefined && !(typeof domain === 'string' && domain.length <= 253 && DOMAIN.test(domain))) {
    throw new NinetailedInputError('domain', 'must be a host name such as "shop.example"');
  }
  return [
    `${NINETAILED_ANONYMOUS_ID_COOKIE}=${id}`,
    'Path=/',
    `Max-Age=${maxAge}`,
    ...(domain ? [`Domain=${domain}`] : []),
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
