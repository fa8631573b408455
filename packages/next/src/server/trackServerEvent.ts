import {
  NINETAILED_ANONYMOUS_ID_COOKIE,
  type NinetailedServer,
  readProfileIdCookie,
  requestContext,
  type ServerProfileResult,
} from '@ninetailed/experience.js/server';
import { cookies, headers } from 'next/headers';
import type { VisitorOptions } from './visitorProfile';

/** Two years, in seconds (the `ntaid` cookie's lifetime). */
const TWO_YEARS = 63072000;

/**
 * For server actions and route handlers (App Router): sends a `track` event for the current
 * visitor, the profile in the `ntaid` cookie, the one the browser's events go to. Without a
 * cookie (or with one the API no longer knows) the event creates a profile and the cookie is
 * set to it (cookies can be set in server actions and route handlers). The page context is the
 * page that called (the `Referer`). Resolves with the profile, experiences and changes after
 * the event; rejects like `NinetailedServer#track` (bad input, or the API could not be
 * reached within its time budget).
 *
 * @example
 * ```ts
 * // app/signup/actions.ts
 * 'use server';
 * import { trackServerEvent } from '@ninetailed/experience.js-next/server';
 * import { ninetailed } from '../../lib/ninetailedServer';
 *
 * export async function signUp(form: FormData) {
 *   await trackServerEvent(ninetailed, 'signup', { plan: String(form.get('plan')) });
 * }
 * ```
 */
export async function trackServerEvent(
  ninetailed: NinetailedServer,
  event: string,
  properties?: Record<string, unknown>,
  options: VisitorOptions = {},
): Promise<ServerProfileResult> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const profileId = readProfileIdCookie(cookieStore.get(NINETAILED_ANONYMOUS_ID_COOKIE));
  const context = requestContext({ url: headerList.get('referer') ?? undefined, headers: headerList });
  const result = await ninetailed.track(event, properties, { ...options, profileId, context });
  if (result.profile.id !== profileId) {
    cookieStore.set(NINETAILED_ANONYMOUS_ID_COOKIE, result.profile.id, {
      path: '/',
      maxAge: TWO_YEARS,
      sameSite: 'lax',
    });
  }
  return result;
}
