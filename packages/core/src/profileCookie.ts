// The browser side of the `ntaid` cookie (the server entry reads it: `src/server/profileIdCookie.ts`,
// which this file must not import, so that the browser bundle holds no server code).

/** The part of `document` the cookie needs. */
export type CookieDocument = { cookie?: string };

/**
 * Keeps the profile id in the first-party `ntaid` cookie (v7's name) so that server code
 * (`readProfileIdCookie`) reaches the same profile: `Path=/`, `SameSite=Lax`, two years.
 * Without an id the cookie is removed. The id is percent-encoded, so no value can add cookie
 * attributes.
 */
export function writeProfileCookie(document: CookieDocument, id?: string): void {
  document.cookie = `ntaid=${id ? encodeURIComponent(id) : ''}; Path=/; Max-Age=${id ? 63072000 : 0}; SameSite=Lax`;
}

/**
 * The id in the `ntaid` cookie when it is plausible (8 to 64 letters, digits, `-` or `_`, as
 * `isPlausibleProfileId` of the server entry); anything else is ignored.
 */
export function readProfileCookie(document: CookieDocument): string | undefined {
  return /(?:^|; )ntaid=([\w-]{8,64})(;|$)/.exec(document.cookie ?? '')?.[1];
}
