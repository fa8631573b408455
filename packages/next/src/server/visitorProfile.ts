import type { NinetailedServer, ProfileResponseData, RequestContext } from '@ninetailed/experience.js/server';

/**
 * What a server hands to `<NinetailedProvider initialProfile={...}>`: the visitor's profile,
 * experiences and changes for the requested page (JSON, so it crosses into client components
 * and `getServerSideProps` props as is).
 *
 * @example
 * ```ts
 * const initialProfile: InitialProfile | null = await getNinetailedProfile(ninetailed);
 * initialProfile?.profile.audiences;
 * ```
 */
export type InitialProfile = ProfileResponseData;

/**
 * Per-request options of the Next server helpers.
 *
 * @example
 * ```ts
 * const options: VisitorOptions = { ip: request.headers.get('x-real-ip') ?? undefined };
 * ```
 */
export interface VisitorOptions {
  /** The visitor's IP, sent as `X-Force-IP` so the API enriches the location from it. */
  ip?: string;
  /** Localises location names (`?locale=`). */
  locale?: string;
}

/**
 * Creates a profile for a first-time visitor (`NinetailedServer#createProfile`). The protocol has
 * no event-less create, so it sends the smallest event that is not a page view: an `identify`
 * with no alias and no traits (it adds nothing to the profile). The browser then sends the real
 * page event, to this profile.
 *
 * @example
 * ```ts
 * const id = await createVisitorProfile(ninetailed, { url: '/pricing' }, {});
 * ```
 */
export async function createVisitorProfile(
  ninetailed: NinetailedServer,
  context: RequestContext,
  options: VisitorOptions,
): Promise<string> {
  const { profile } = await ninetailed.createProfile({ ...options, context });
  return profile.id;
}

/**
 * The visitor's profile for the requested page, evaluated with `?type=preflight` (nothing is
 * stored: the browser sends the page event). Without a profile id (first visit) or with one the
 * API does not know (a stale cookie), it creates the profile first (`createVisitorProfile`),
 * so the id it returns is stored and the browser adopts it: one profile. Resolves `null` when
 * the API could not be reached (the server's `onError` heard why): the page then renders as a
 * static one would, and the browser selects the variants.
 *
 * @example
 * ```ts
 * const initialProfile = await visitorProfile(ninetailed, readProfileIdCookie(cookie), { url: '/' }, {});
 * ```
 */
export async function visitorProfile(
  ninetailed: NinetailedServer,
  profileId: string | undefined,
  context: RequestContext,
  options: VisitorOptions,
): Promise<InitialProfile | null> {
  try {
    let id = profileId ?? (await createVisitorProfile(ninetailed, context, options));
    let result = await ninetailed.preflight({ ...options, profileId: id, context });
    if (result.replacedProfileId) {
      id = await createVisitorProfile(ninetailed, context, options);
      result = await ninetailed.preflight({ ...options, profileId: id, context });
    }
    const { profile, experiences, changes } = result;
    return { profile, experiences, changes };
  } catch {
    return null;
  }
}
