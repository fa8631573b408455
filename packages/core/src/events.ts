import type { StickyComponentView } from './componentView';
import { buildContext } from './context';
import type { PageEnvironment } from './environment';
import type { NinetailedEvent } from './types';
import { uuid } from './uuid';

/** The type-specific part of an event. */
export type EventPayload =
  | { type: 'page'; properties: Record<string, unknown> }
  | { type: 'track'; event: string; properties: Record<string, unknown> }
  | { type: 'identify'; userId: string; traits: Record<string, unknown> }
  | ({ type: 'component' } & StickyComponentView);

/**
 * A complete event, with its `messageId`, timestamps and context read now (`extra()` merged over it). Page events get the
 * page fields (url, path, search, query, referrer, title) in `properties`, the caller's keys
 * beside them (and winning on a clash).
 *
 * @example
 * ```ts
 * import { buildEvent } from './events'; // internal
 * const env = { location: { href: 'https://a.example/' }, document: { title: 'Home', referrer: '' },
 *   navigator: { userAgent: 'ua', language: 'en' } };
 * buildEvent({ type: 'page', properties: { category: 'news' } }, env, true, Date.now()).properties.category; // 'news'
 * ```
 */
export function buildEvent(
  payload: EventPayload,
  env: PageEnvironment,
  consent: boolean,
  now: number,
  extra?: () => object,
): NinetailedEvent {
  // v7's `buildClientContext`: merged over the context read from the page.
  const context = { ...buildContext(env, consent), ...extra?.() };
  const time = new Date(now).toISOString();
  const properties =
    payload.type === 'page'
      ? {
          properties: {
            ...context.page,
            query: { ...context.page.query },
            title: env.document?.title ?? '',
            ...payload.properties,
          },
        }
      : {};
  return {
    ...payload,
    ...properties,
    channel: 'web',
    messageId: uuid(),
    originalTimestamp: time,
    timestamp: time,
    context,
  } as NinetailedEvent;
}
