import {
  NINETAILED_ANONYMOUS_ID_COOKIE,
  type NinetailedServer,
  readProfileIdCookie,
  requestContext,
} from '@ninetailed/experience.js/server';
import { cookies, headers } from 'next/headers';
import * as React from 'react';
import { NINETAILED_URL_HEADER } from './ninetailedProxy';
import { type InitialProfile, type VisitorOptions, visitorProfile } from './visitorProfile';

/**
 * Options of {@link getNinetailedProfile}.
 *
 * @example
 * ```ts
 * const options: NinetailedProfileOptions = { url: '/pricing', ip: '203.0.113.7' };
 * ```
 */
export interface NinetailedProfileOptions extends VisitorOptions {
  /**
   * The page's path or URL, for the page context of the evaluation. Default: the URL
   * `ninetailedProxy` forwarded (server components are not told the URL), else `/`.
   */
  url?: string;
}

// One evaluation per request, however many server components ask (React's `cache` is per
// request in server components; elsewhere it is not there, and each call asks).
const perRequest: <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => R =
  (React as { cache?: typeof perRequest }).cache ?? ((fn) => fn);

const evaluate = perRequest(
  async (ninetailed: NinetailedServer, url: string | undefined, ip?: string, locale?: string) => {
    const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
    const profileId = readProfileIdCookie(cookieStore.get(NINETAILED_ANONYMOUS_ID_COOKIE));
    const context = requestContext({
      url: url ?? headerList.get(NINETAILED_URL_HEADER) ?? '/',
      headers: headerList,
    });
    return visitorProfile(ninetailed, profileId, context, { ip, locale });
  },
);

/**
 * For server components of the App Router (a layout or a page): the visitor's profile,
 * experiences and changes for this page, to pass to `<NinetailedProvider initialProfile>` so
 * that the server HTML and the first client render already show the visitor's variants (no
 * loading state, hydration matches). It reads the `ntaid` cookie (`next/headers`), which makes
 * the route dynamic (rendered per request). It asks the API with `?type=preflight`: no event is
 * stored, the browser sends the page event as before. A first-time visitor (no cookie, and no
 * `ninetailedProxy` in front) gets a new profile (created with an `identify` without alias or
 * traits: not a page view); the browser adopts its id and sets the cookie. Resolves `null` when
 * the API could not be reached (the `NinetailedServer`'s `onError` hears why): the browser
 * then selects, as on a static route. Called several times in one request, it asks once.
 *
 * @example
 * ```tsx
 * // app/layout.tsx (a server component)
 * import { NinetailedProvider } from '@ninetailed/experience.js-next';
 * import { getNinetailedProfile, NinetailedServer } from '@ninetailed/experience.js-next/server';
 *
 * const ninetailed = new NinetailedServer({ clientId: 'NINETAILED_API_KEY' });
 *
 * export default async function RootLayout({ children }: { children: React.ReactNode }) {
 *   const initialProfile = await getNinetailedProfile(ninetailed);
 *   return (
 *     <html lang="en">
 *       <body>
 *         <NinetailedProvider clientId="NINETAILED_API_KEY" initialProfile={initialProfile}>
 *           {children}
 *         </NinetailedProvider>
 *       </body>
 *     </html>
 *   );
 * }
 * ```
 */
export function getNinetailedProfile(
  ninetailed: NinetailedServer,
  options: NinetailedProfileOptions = {},
): Promise<InitialProfile | null> {
  return evaluate(ninetailed, options.url, options.ip, options.locale);
}
