import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS, MAX_BATCH_IDENTIFIES } from '../limits';
import type { NinetailedEvent } from '../types';
import { byteLength } from '../validate';

/** Most distinct profiles in one batch request (`experience-api.md`, section 5). */
export const MAX_BATCH_PROFILES = 50;

/** An event of the batch endpoint: it names its profile. */
export type BatchWireEvent = NinetailedEvent & { anonymousId: string };

/**
 * Splits events, in order, into the fewest consecutive requests that each hold at most 200
 * events, 50 identify events, 50 distinct profiles and `MAX_BATCH_BYTES` of JSON. Order is
 * kept, so a profile's events still reach the API in call order.
 *
 * @example
 * ```ts
 * splitBatch(events).length; // 120 events for 120 profiles: 3 requests (50 + 50 + 20)
 * ```
 */
export function splitBatch(events: readonly BatchWireEvent[]): BatchWireEvent[][] {
  const chunks: BatchWireEvent[][] = [];
  let chunk: BatchWireEvent[] = [];
  let profiles = new Set<string>();
  let identifies = 0;
  let bytes = 0;
  for (const event of events) {
    const size = byteLength(JSON.stringify(event)) + 1;
    const identify = event.type === 'identify' ? 1 : 0;
    const newProfile = profiles.has(event.anonymousId) ? 0 : 1;
    if (
      chunk.length &&
      (chunk.length >= MAX_BATCH_EVENTS ||
        identifies + identify > MAX_BATCH_IDENTIFIES ||
        profiles.size + newProfile > MAX_BATCH_PROFILES ||
        bytes + size > MAX_BATCH_BYTES)
    ) {
      chunks.push(chunk);
      chunk = [];
      profiles = new Set();
      identifies = 0;
      bytes = 0;
    }
    chunk.push(event);
    profiles.add(event.anonymousId);
    identifies += identify;
    bytes += size;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}
