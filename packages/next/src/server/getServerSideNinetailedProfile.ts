import type { NinetailedServer } from '@ninetailed/experience.js/server';
import {
  type ProfileIdCookieOptions,
  profileIdCookie,
  readProfileIdCookie,
  requestContext,
} from '@ninetailed/experience.js/server';
import {
  createVisitorProfile,
  type InitialProfile,
  type VisitorOptions,
  visitorProfile,
} from './visitorProfile';

/**
 * The part of `getServerSideProps`' context read here (Node's request and response).
 *
 * @example
 * ```ts
 * const context: ServerSidePropsContextLike = { req, res, resolvedUrl: '/legacy' };
 * ```
 */
export interface ServerSidePropsContextLike {
  req: { headers: Record<string, string | string[] | undefined> };
  res: {
    getHeader(name: string): number | string | string[] | undefined;
    setHeader(name: string, value: string | string[]): unknown;
  };
  /** The page's path and query, as the browser asked for it. */
  resolvedUrl: string;
}

/**
 * Options of {@link getServerSideNinetailedProfile}.
 *
 * @example
 * ```ts
 * const options: ServerSideProfileOptions = { cookie: { secure: true } };
 * ```
 */
export interface ServerSideProfileOptions extends VisitorOptions {
  /** Attributes of the `ntaid` cookie set for a new visitor. */
  cookie?: ProfileIdCookieOptions;
}

/**
 * For `getServerSideProps` (Pages Router): the visitor's profile, experiences and changes for
 * this page (`?type=preflight`: nothing stored), to return as a prop and hand to
 * `<NinetailedProvider initialProfile>` in `_app`. A first-time visitor gets a profile (an
 * `identify` without alias or traits, not a page view) and the response sets its `ntaid`
 * cookie: the browser adopts the id and sends its page event to it (one profile). Resolves
 * `null` when the API could not be reached: the browser then selects.
 *
 * @example
 * ```tsx
 * // pages/offers.tsx
 * import { getServerSideNinetailedProfile, NinetailedServer } from '@ninetailed/experience.js-next/server';
 * import type { GetServerSideProps } from 'next';
 *
 * const ninetailed = new NinetailedServer({ clientId: 'NINETAILED_API_KEY' });
 *
 * export const getServerSideProps: GetServerSideProps = async (context) => ({
 *   props: { ninetailedProfile: await getServerSideNinetailedProfile(ninetailed, context) },
 * });
 * // pages/_app.tsx: <NinetailedProvider clientId="..." initialProfile={pageProps.ninetailedProfile}>
 * ```
 */
export async function getServerSideNinetailedProfile(
  ninetailed: NinetailedServer,
  { req, res, resolvedUrl }: ServerSidePropsContextLike,
  options: ServerSideProfileOptions = {},
): Promise<InitialProfile | null> {
  const { cookie, ...visitor } = options;
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join('; ') : value;
  };
  const context = requestContext({ url: resolvedUrl, headers: { get: header } });
  let profileId = readProfileIdCookie(header('cookie'));
  if (!profileId) {
    try {
      profileId = await createVisitorProfile(ninetailed, context, visitor);
      const set = res.getHeader('Set-Cookie');
      const before = set === undefined ? [] : Array.isArray(set) ? set : [String(set)];
      res.setHeader('Set-Cookie', [...before, profileIdCookie(profileId, cookie)]);
    } catch {
      return null;
    }
  }
  return visitorProfile(ninetailed, profileId, context, visitor);
}
