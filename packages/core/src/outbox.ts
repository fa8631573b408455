import type { NinetailedEvent } from './types';

/**
 * One queued event. `epoch` counts `reset()` calls, so events queued before a reset still go
 * to the profile they were made for; `bytes` is the UTF-8 size of its JSON.
 */
export interface OutboxEntry {
  event: NinetailedEvent;
  epoch: number;
  bytes: number;
}

/**
 * Bounds of one request (experience-api.md section 5).
 *
 * @example
 * ```ts
 * const limits: BatchLimits = { events: 200, identifies: 50, bytes: 512 * 1024 };
 * ```
 */
export interface BatchLimits {
  events: number;
  identifies: number;
  bytes: number;
}

/** The API's limits per request, and a body budget well under the server's 1 MiB. */
export const API_LIMITS: BatchLimits = { events: 200, identifies: 50, bytes: 512 * 1024 };

/**
 * Where events wait until the API accepts them, oldest first. This interface is the seam for
 * a durable (storage-backed) outbox: an entry leaves only through `remove`.
 *
 * @example
 * ```ts
 * const outbox = memoryOutbox();
 * outbox.add(entry);
 * const batch = outbox.next(API_LIMITS); // send it, then:
 * outbox.remove(batch);
 * ```
 */
export interface Outbox {
  readonly size: number;
  add(entry: OutboxEntry): void;
  /** The next request's entries: the oldest ones of the oldest epoch, within `limits`. */
  next(limits: BatchLimits): OutboxEntry[];
  remove(entries: readonly OutboxEntry[]): void;
}

/**
 * An outbox in memory (events are lost if the page closes before delivery).
 *
 * @example
 * ```ts
 * const outbox = memoryOutbox();
 * ```
 */
export function memoryOutbox(): Outbox {
  let entries: OutboxEntry[] = [];
  return {
    get size() {
      return entries.length;
    },
    add: (entry) => void entries.push(entry),
    next(limits) {
      const batch: OutboxEntry[] = [];
      let identifies = 0;
      let bytes = 0;
      for (const entry of entries) {
        const identify = entry.event.type === 'identify' ? 1 : 0;
        if (
          entry.epoch !== entries[0]!.epoch ||
          batch.length >= limits.events ||
          identifies + identify > limits.identifies ||
          (batch.length > 0 && bytes + entry.bytes > limits.bytes)
        ) {
          break;
        }
        batch.push(entry);
        identifies += identify;
        bytes += entry.bytes;
      }
      return batch;
    },
    remove(done) {
      const gone = new Set(done);
      entries = entries.filter((entry) => !gone.has(entry));
    },
  };
}
