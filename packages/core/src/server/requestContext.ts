/**
 * What the server knows of the visitor's page view, used to build events exactly as the
 * browser would (`context.page`, campaign, user agent, locale). Every field is optional: a
 * server-to-server event may know none of them.
 *
 * @example
 * ```ts
 * const context: RequestContext = {
 *   url: 'https://shop.example/blog/post-1?utm_source=mail',
 *   referrer: 'https://news.example/',
 *   userAgent: request.headers.get('user-agent') ?? '',
 *   locale: 'de-DE',
 * };
 * ```
 */
export interface RequestContext {
  /** The page's full URL (`https://shop.example/a?x=1`), or only its path and query (`/a?x=1`). */
  url?: string;
  /** The path, when `url` is not given (default `/`). */
  path?: string;
  /** The query, when `url` is not given: an object of strings or a `URLSearchParams`. */
  query?: Record<string, string> | URLSearchParams;
  /** The page's referrer (the `Referer` header). */
  referrer?: string;
  /** The page title, for page events. Default `''`. */
  title?: string;
  /** The visitor's user agent (the `User-Agent` header). */
  userAgent?: string;
  /** The visitor's language, for example `de-DE` (the first `Accept-Language` tag). */
  locale?: string;
  /** The visitor's location, when the server knows it (`experience-api.md` section 4). */
  location?: Record<string, unknown>;
}

/** The part of a `Headers` object read here (`Headers`, Next's `headers()`). */
interface HeadersLike {
  get(name: string): string | null | undefined;
}

/**
 * The `RequestContext` of an incoming request (a Fetch `Request`, Next's `NextRequest`, or any
 * `{ url, headers }`): its URL, `Referer`, `User-Agent` and first `Accept-Language` tag. Pass
 * the headers alone (Next's `headers()` in a server component) with the path you know.
 *
 * @example
 * ```ts
 * import { requestContext } from '@ninetailed/experience.js/server';
 * export async function GET(request: Request) {
 *   const result = await ninetailed.preflight({ context: requestContext(request) });
 * }
 * requestContext({ url: '/pricing', headers: await headers() }); // a server component
 * ```
 */
export function requestContext(request: { url?: string; headers?: HeadersLike | null }): RequestContext {
  const header = (name: string) => {
    try {
      return request.headers?.get(name) ?? undefined;
    } catch {
      return undefined;
    }
  };
  const language = header('accept-language')?.split(',')[0]?.split(';')[0]?.trim();
  const context: RequestContext = {};
  if (typeof request.url === 'string') context.url = request.url;
  const referrer = header('referer');
  if (referrer !== undefined) context.referrer = referrer;
  const userAgent = header('user-agent');
  if (userAgent !== undefined) context.userAgent = userAgent;
  if (language && language !== '*') context.locale = language;
  return context;
}
