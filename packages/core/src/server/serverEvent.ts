import { parseCampaign } from '../campaign';
import { NinetailedInputError } from '../errors';
import type { EventPayload } from '../events';
import { MAX_EVENT_BYTES } from '../limits';
import type { EventContext, NinetailedEvent, PageContext } from '../types';
import { uuid } from '../uuid';
import { byteLength, isPlainObject, toJsonObject } from '../validate';
import { LIBRARY_NAME, LIBRARY_VERSION } from '../version';
import type { RequestContext } from './requestContext';

/**
 * The `context.library.name` of events sent by the server client: this package's entry.
 *
 * @example
 * ```ts
 * import { SERVER_LIBRARY_NAME } from '@ninetailed/experience.js/server';
 * SERVER_LIBRARY_NAME; // '@ninetailed/experience.js/server'
 * ```
 */
export const SERVER_LIBRARY_NAME = `${LIBRARY_NAME}/server`;

// The Experience API's longest strings (experience-api.md, section 3): longer ones are cut, so
// a visitor's oversized header can never make the API refuse a server's request.
const LIMITS = { url: 8192, path: 8192, referrer: 8192, title: 8192, userAgent: 4096, locale: 1024 };

/**
 * A complete event built from the request the server is answering, field for field as the
 * browser builds it (`events.ts`): `messageId`, timestamps, `context` with the page, campaign,
 * user agent, locale and consent flag; page events get the page fields in `properties`, the
 * caller's keys beside them and winning on a clash. `context.library` names the server entry.
 * Throws `NinetailedInputError` for a bad context (the key is named) or an oversized event.
 *
 * @example
 * ```ts
 * buildServerEvent({ type: 'track', event: 'signup', properties: {} }, { url: '/welcome' }, true, Date.now());
 * ```
 */
export function buildServerEvent(
  payload: EventPayload,
  request: RequestContext | undefined,
  consent: boolean,
  now: number,
): NinetailedEvent {
  const ctx: RequestContext = request ?? {};
  if (!isPlainObject(request ?? {})) throw new NinetailedInputError('context', 'must be a plain object');
  const text = (key: keyof typeof LIMITS): string | undefined => {
    const value = ctx[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new NinetailedInputError(`context.${key}`, 'must be a string');
    return value.slice(0, LIMITS[key]);
  };
  const page = pageOf(text('url'), text('path'), ctx.query, text('referrer') ?? '');
  const location = ctx.location === undefined ? undefined : toJsonObject(ctx.location, 'context.location');
  const context: EventContext = {
    library: { name: SERVER_LIBRARY_NAME, version: LIBRARY_VERSION },
    userAgent: text('userAgent') ?? '',
    locale: text('locale') ?? '',
    campaign: parseCampaign(page.query),
    page,
    gdpr: { isConsentGiven: consent },
    ...(location ? { location } : {}),
  };
  const time = new Date(now).toISOString();
  const properties =
    payload.type === 'page'
      ? {
          properties: {
            ...page,
            query: { ...page.query },
            title: text('title') ?? '',
            ...payload.properties,
          },
        }
      : {};
  const event = {
    ...payload,
    ...properties,
    channel: 'web',
    messageId: uuid(),
    originalTimestamp: time,
    timestamp: time,
    context,
  } as NinetailedEvent;
  if (byteLength(JSON.stringify(event)) > MAX_EVENT_BYTES) {
    throw new NinetailedInputError(
      payload.type === 'identify' ? 'traits' : 'properties',
      `the event is larger than ${MAX_EVENT_BYTES / 1024} KB as JSON; send less`,
    );
  }
  return event;
}

/**
 * The page fields: from `url` (absolute, or a path with its query), else from `path` and
 * `query`. The query is a flat map (the last value of a repeated key wins), as in the browser.
 */
function pageOf(
  url: string | undefined,
  path: string | undefined,
  query: RequestContext['query'],
  referrer: string,
): PageContext {
  let href = url;
  if (href === undefined) {
    let search = '';
    if (query !== undefined) {
      const ok =
        query instanceof URLSearchParams ||
        (isPlainObject(query) && Object.values(query).every((value) => typeof value === 'string'));
      if (!ok)
        throw new NinetailedInputError('context.query', 'must be an object of strings or URLSearchParams');
      search = new URLSearchParams(query).toString();
    }
    href = (path || '/') + (search ? `?${search}` : '');
  }
  let parsed: URL | undefined;
  try {
    // A path alone is read against a placeholder origin; `url` keeps what was given.
    parsed = new URL(href, 'http://localhost');
  } catch {}
  const flat: Record<string, string> = {};
  parsed?.searchParams.forEach((value, key) => {
    flat[key] = value;
  });
  return { url: href, path: parsed?.pathname ?? '', search: parsed?.search ?? '', query: flat, referrer };
}
