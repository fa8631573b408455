import { parseCampaign } from './campaign';
import type { PageEnvironment } from './environment';
import type { EventContext, PageContext } from './types';
import { LIBRARY_NAME, LIBRARY_VERSION } from './version';

/**
 * The page fields of a URL: full href (hash kept), path, search, query (last value of a repeated
 * key wins) and the referrer.
 *
 * @example
 * ```ts
 * import { readPage } from './context'; // internal
 * readPage('https://a.example/blog?x=1&x=2#top', '').query; // { x: '2' }
 * ```
 */
export function readPage(href: string, referrer: string): PageContext {
  let url: URL | undefined;
  try {
    url = new URL(href);
  } catch {}
  const query: Record<string, string> = {};
  url?.searchParams.forEach((value, key) => {
    query[key] = value;
  });
  return { url: href, path: url?.pathname ?? '', search: url?.search ?? '', query, referrer };
}

/**
 * The `context` of an event, read now from the environment seams.
 *
 * @example
 * ```ts
 * import { buildContext } from './context'; // internal
 * const context = buildContext(
 *   { location: { href: 'https://a.example/?utm_source=mail' }, document: { title: '', referrer: '' },
 *     navigator: { userAgent: 'ua', language: 'en' } },
 *   true,
 * );
 * context.campaign; // { source: 'mail' }
 * ```
 */
export function buildContext(env: PageEnvironment, consent: boolean): EventContext {
  const page = readPage(env.location.href, env.document?.referrer ?? '');
  const nav = env.navigator;
  return {
    library: { name: LIBRARY_NAME, version: LIBRARY_VERSION },
    userAgent: nav?.userAgent ?? '',
    locale: nav?.languages?.[0] || nav?.language || '',
    campaign: parseCampaign(page.query),
    page,
    gdpr: { isConsentGiven: consent },
  };
}
