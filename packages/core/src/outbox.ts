import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS, MAX_BATCH_IDENTIFIES, MAX_EVENTS, STALE_MS } from './limits';
import { type NinetailedStorage, readJson, writeJson } from './storage';
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
 * Where events wait until the API accepts them, oldest first, mirrored to storage so a reload,
 * a crash or a closed tab loses nothing. An entry leaves only through `remove` (or `clear`).
 *
 * Each tab (each instance) owns one key, `{namespace}/{tabId}`, and registers it with a
 * heartbeat in `{namespace}` (`{ [tabId]: lastBeat }`, `0` once released on page hide, in the
 * order the tabs registered).
 * `adopt()` moves the events of a released or silent tab into this one, so two tabs never
 * send the same event on purpose.
 *
 * @example
 * ```ts
 * const outbox = durableOutbox({ storage, namespace: '__nt_outbox__/demo/main', tabId: uuid(), now: Date.now, onDrop: console.warn });
 * outbox.add(entry);
 * const batch = outbox.next(); // send it, then:
 * outbox.remove(batch);
 * ```
 */
export interface Outbox {
  add(entry: OutboxEntry): void;
  /**
   * The next request's entries: the oldest ones of the oldest epoch, within the API's limits
   * and `bytes` of events (at least one entry, whatever its size).
   */
  next(bytes?: number): OutboxEntry[];
  /** Removes `entries` (those still there). */
  remove(entries: readonly OutboxEntry[]): void;
  /** Empties the outbox; returns what it held. */
  clear(): OutboxEntry[];
  /**
   * Takes over the events of abandoned tabs (as `epoch`) and writes this tab's heartbeat
   * `stamp` when given; returns how many tabs (this one included) hold events.
   */
  adopt(epoch: number, stamp?: number): number;
  /** Hands this tab's events over to the next tab or visit (page hide). */
  release(): void;
  /**
   * Whether this tab came first among the tabs holding events (the registry keeps keys in the
   * order they were added): while no profile id is known, only that tab may create one, so the
   * tabs of a new visitor share one profile.
   */
  leads(): boolean;
}

/** Where an outbox keeps its events and whom it tells; see `durableOutbox`. */
export interface OutboxParts {
  /** Where the entries and the tab registry are written (JSON). */
  storage: NinetailedStorage;
  /** The registry key; this tab's entries live under `{namespace}/{tabId}`. */
  namespace: string;
  /** This tab's (this instance's) id, unique per page load. */
  tabId: string;
  /** The clock of the heartbeats. */
  now: () => number;
  /** Told of each entry dropped because the outbox is full (beyond `MAX_EVENTS`, the oldest). */
  onDrop: (entry: OutboxEntry) => void;
}

/**
 * An outbox kept in memory and written through to `storage` under `namespace` (once per tick:
 * a burst of calls costs one write, still before the request they start). Beyond
 * `MAX_EVENTS`, the oldest entries go to `onDrop`.
 *
 * @example
 * ```ts
 * const outbox = durableOutbox({
 *   storage: memoryStorage(),
 *   namespace: '__nt_outbox__/demo/main',
 *   tabId: uuid(),
 *   now: Date.now,
 *   onDrop: (entry) => console.warn('dropped', entry.event.type),
 * });
 * ```
 */
export function durableOutbox({ storage, namespace, tabId: tab, now, onDrop }: OutboxParts): Outbox {
  const key = `${namespace}/${tab}`;
  let entries: OutboxEntry[] = [];
  let queued = false;
  const registry = (): Record<string, number> => {
    const tabs = readJson(storage, namespace) as Record<string, number> | null;
    return tabs?.constructor === Object ? tabs : {};
  };

  /**
   * Writes the entries, and registers them in `tabs`: `stamp` is the heartbeat (0 releases
   * them); without it the registry keeps its value, so that writes caused by another tab's
   * write change nothing there (and tabs do not wake each other up forever).
   */
  const save = (tabs = registry(), stamp?: number) => {
    queued = false;
    while (entries.length > MAX_EVENTS) onDrop(entries.shift()!);
    if (entries.length) {
      writeJson(storage, key, entries);
      tabs[tab] = stamp ?? (tabs[tab] || now());
    } else {
      storage.removeItem(key);
      delete tabs[tab];
    }
    // Written only when it changed: a write from a stale view would drop what other tabs added.
    const text = JSON.stringify(tabs);
    if (text !== (storage.getItem(namespace) ?? '{}')) storage.setItem(namespace, text);
    return Object.keys(tabs).length;
  };
  // Many calls in one tick cost one write, still before the request they start.
  const later = () => {
    if (!queued) {
      queued = true;
      Promise.resolve().then(() => queued && save());
    }
  };

  return {
    add(entry) {
      entries.push(entry);
      later();
    },
    next(budget = MAX_BATCH_BYTES) {
      save();
      const batch: OutboxEntry[] = [];
      let identifies = 0;
      let bytes = 0;
      for (const entry of entries) {
        const identify = entry.event.type === 'identify' ? 1 : 0;
        if (
          entry.epoch !== entries[0]!.epoch ||
          batch.length >= MAX_BATCH_EVENTS ||
          identifies + identify > MAX_BATCH_IDENTIFIES ||
          (batch.length > 0 && bytes + entry.bytes > budget)
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
      entries = entries.filter((entry) => !done.includes(entry));
      later();
    },
    clear() {
      const all = entries;
      entries = [];
      save();
      return all;
    },
    adopt(epoch, stamp) {
      const tabs = registry();
      for (const id in tabs) {
        // Released (0), silent for too long, or not a time at all (corrupt): take its events.
        if (id !== tab && !(tabs[id]! >= now() - STALE_MS)) {
          const theirs = readJson(storage, `${namespace}/${id}`);
          storage.removeItem(`${namespace}/${id}`);
          delete tabs[id];
          if (Array.isArray(theirs)) {
            entries.unshift(...theirs.filter((entry) => entry?.event).map((entry) => ({ ...entry, epoch })));
          }
        }
      }
      return save(tabs, stamp);
    },
    release: () => void save(undefined, 0),
    leads: () => Object.keys(registry())[0] === tab,
  };
}
