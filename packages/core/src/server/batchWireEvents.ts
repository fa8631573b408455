import { check } from '../check';
import { NinetailedError, NinetailedInputError } from '../errors';
import type { EventPayload } from '../events';
import { identifyPayload, pagePayload, trackPayload } from '../payloads';
import type { ContactInfoMode } from '../privacy';
import { isPlainObject } from '../validate';
import type { RequestContext } from './requestContext';
import { buildServerEvent } from './serverEvent';
import type { ServerBatchEvent } from './serverTypes';
import type { BatchWireEvent } from './splitBatch';

/**
 * The wire events of `batch(...)`, checked and built in order. A bad item throws
 * `NinetailedInputError` naming it (`events[3]: event: must be a non-empty name ...`), and then
 * nothing of the batch is sent.
 *
 * @example
 * ```ts
 * batchWireEvents([{ anonymousId: 'user-0001', type: 'track', event: 'renewed' }], settings)[0].anonymousId; // 'user-0001'
 * ```
 */
export function batchWireEvents(
  events: unknown,
  settings: {
    consent: boolean;
    context?: RequestContext;
    contactInfo: ContactInfoMode;
    warn: (found: string[]) => void;
  },
): BatchWireEvent[] {
  if (!Array.isArray(events)) throw new NinetailedInputError('events', 'must be an array of events');
  return events.map((item: unknown, index) => {
    if (!isPlainObject(item)) throw new NinetailedInputError(`events[${index}]`, 'must be an event object');
    try {
      const { anonymousId, messageId, timestamp, context, type, properties, traits, userId, event } =
        item as ServerBatchEvent & Record<string, unknown>;
      check(
        typeof anonymousId === 'string' && !!anonymousId && anonymousId.length <= 256,
        'anonymousId',
        'a profile id of 1 to 256 characters',
      );
      check(
        messageId === undefined || (typeof messageId === 'string' && !!messageId && messageId.length <= 256),
        'messageId',
        'a string of 1 to 256 characters',
      );
      const time = timestamp instanceof Date ? timestamp.getTime() : (timestamp ?? Date.now());
      check(
        typeof time === 'number' && Number.isFinite(time) && Math.abs(time) <= 8.64e15,
        'timestamp',
        'a Date or a number of milliseconds',
      );
      let payload: EventPayload | null;
      if (type === 'page') payload = pagePayload(properties);
      else if (type === 'track') payload = trackPayload(event, properties);
      else if (type === 'identify') {
        payload = identifyPayload(userId, traits, settings.contactInfo, settings.warn);
        check(payload, 'traits', 'given when there is no userId (nothing to send)');
      } else throw new NinetailedInputError('type', 'must be "page", "track" or "identify"');
      const built = buildServerEvent(payload!, context ?? settings.context, settings.consent, time);
      return { ...built, anonymousId, ...(messageId ? { messageId } : {}) } as BatchWireEvent;
    } catch (error) {
      const text =
        error instanceof NinetailedError ? error.message.replace(/^\[ninetailed\] /, '') : `${error}`;
      throw new NinetailedInputError(`events[${index}]`, text);
    }
  });
}
