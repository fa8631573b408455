import {
  NINETAILED_ANONYMOUS_ID_COOKIE,
  type NinetailedServer,
  type ProfileIdCookieOptions,
  profileIdCookie,
  readProfileIdCookie,
  requestContext,
} from '@ninetailed/experience.js/server';
import { type NextRequest, NextResponse } from 'next/server';
import { createVisitorProfile, type VisitorOptions } from './visitorProfile';

/**
 * The request header in which `ninetailedProxy` hands the page's URL to server components
 * (which are not told it): `getNinetailedProfile` reads it.
 *
 * @example
 * ```ts
 * (await headers()).get(NINETAILED_URL_HEADER); // 'https://shop.example/pricing?utm_source=mail'
 * ```
 */
export const NINETAILED_URL_HEADER = 'x-ninetailed-url';

/**
 * Options of {@link ninetailedProxy}.
 *
 * @example
 * ```ts
 * const options: NinetailedProxyOptions = { cookie: { secure: true }, response: NextResponse.next() };
 * ```
 */
export interface NinetailedProxyOptions extends VisitorOptions {
  /** Attributes of the `ntaid` cookie set for a new visitor (default: `Path=/`, `SameSite=Lax`, two years). */
  cookie?: ProfileIdCookieOptions;
}

/**
 * For `proxy.ts` (Next 16) or `middleware.ts` (Next 15): makes sure the visitor has a profile
 * before the page renders. A first-time visitor (no plausible `ntaid` cookie) gets one, created
 * with an `identify` without alias or traits (the protocol has no event-less create; it is not
 * a page view), and the first response sets the `ntaid` cookie to its id; the request goes on
 * with that cookie, so `getNinetailedProfile` in the layout evaluates the page for that same
 * profile and the browser, which adopts the id, sends its page event to it: one profile. It
 * also forwards the page's URL to server components (`x-ninetailed-url`). A visitor with a
 * cookie costs no API call here. When the API cannot be reached the request goes on unchanged.
 *
 * @example
 * ```ts
 * // src/proxy.ts
 * import { NinetailedServer, ninetailedProxy } from '@ninetailed/experience.js-next/server';
 * import type { NextRequest } from 'next/server';
 *
 * const ninetailed = new NinetailedServer({ clientId: 'NINETAILED_API_KEY' });
 *
 * export function proxy(request: NextRequest) {
 *   return ninetailedProxy(ninetailed, request);
 * }
 *
 * // Pages that render with getNinetailedProfile (not static files, not the API).
 * export const config = { matcher: ['/((?!_next/|api/|favicon).*)'] };
 * ```
 */
export async function ninetailedProxy(
  ninetailed: NinetailedServer,
  request: NextRequest,
  options: NinetailedProxyOptions = {},
): Promise<NextResponse> {
  const { cookie, ...visitor } = options;
  const headers = new Headers(request.headers);
  // Set here only: a value the browser sent is not the page's URL.
  headers.set(NINETAILED_URL_HEADER, request.url);
  let setCookie: string | undefined;
  if (!readProfileIdCookie(request.cookies.get(NINETAILED_ANONYMOUS_ID_COOKIE))) {
    try {
      const created = await createVisitorProfile(ninetailed, requestContext(request), visitor);
      setCookie = profileIdCookie(created, cookie);
      // The rendering below sees the new id as if the browser had sent it.
      const others = (headers.get('cookie') ?? '')
        .split(';')
        .filter((pair) => pair.trim() && pair.split('=')[0]!.trim() !== NINETAILED_ANONYMOUS_ID_COOKIE);
      headers.set(
        'cookie',
        [...others.map((pair) => pair.trim()), `${NINETAILED_ANONYMOUS_ID_COOKIE}=${created}`].join('; '),
      );
    } catch {
      // The NinetailedServer's onError heard it; the browser creates the profile instead.
    }
  }
  const response = NextResponse.next({ request: { headers } });
  if (setCookie) response.headers.append('Set-Cookie', setCookie);
  return response;
}
