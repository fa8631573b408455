import type { NinetailedDeliveryError } from './errors';
import { API_LIMITS, type Outbox, type OutboxEntry } from './outbox';
import type { ProfileStore } from './profileStore';
import type { Transport } from './transport';

/** What the scheduler needs from its owner. */
export interface SchedulerDeps {
  outbox: Outbox;
  store: ProfileStore;
  transport: Transport;
  /** The profile endpoint URL, for a known profile id or for a new profile. */
  endpoint(profileId: string | undefined): string;
  /** The request's `options` (the enrichment features allowed now). */
  requestOptions(): Record<string, unknown>;
  now(): number;
  /** Told once per request, after its entries left the outbox. Must not throw. */
  settled(entries: OutboxEntry[], error: NinetailedDeliveryError | null): void;
}

/** Drives delivery; see `createScheduler`. */
export interface Scheduler {
  /** Counts `reset()` calls; stamped on each outbox entry. */
  readonly epoch: number;
  /** Starts delivery if idle. */
  kick(): void;
  /** Resolves when nothing is queued or in flight. */
  flush(): Promise<void>;
  /** Starts a new epoch: later responses to earlier events no longer touch the current profile. */
  reset(): void;
}

/**
 * Delivers the outbox one request at a time. A request starts as soon as the SDK is idle (one
 * microtask after the call, so calls made in the same tick travel together); calls made while a
 * request is in flight gather into the next one, oldest first, within the API limits. One
 * request at a time also means a new visitor gets exactly one profile.
 *
 * @example
 * ```ts
 * const scheduler = createScheduler({ outbox, store, transport, endpoint, requestOptions, now, settled });
 * outbox.add(entry);
 * scheduler.kick();
 * await scheduler.flush();
 * ```
 */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { outbox, store, transport, endpoint } = deps;
  let epoch = 0;
  let busy = false;
  let waiters: Array<() => void> = [];
  /** Profile ids of the epochs before each reset (a number per reset: not worth pruning). */
  const ids = new Map<number, string | undefined>();

  const deliver = async (batch: OutboxEntry[]): Promise<NinetailedDeliveryError | null> => {
    const at = batch[0]!.epoch;
    const current = () => at === epoch;
    const sentAt = new Date(deps.now()).toISOString();
    const body = JSON.stringify({
      events: batch.map((entry) => ({ ...entry.event, sentAt })),
      options: deps.requestOptions(),
    });
    let id = current() ? store.id : ids.get(at);
    try {
      let data: Awaited<ReturnType<Transport>>;
      try {
        data = await transport(endpoint(id), body);
      } catch (error) {
        // The profile was deleted or merged away: forget it, these events create a new one.
        if (!id || (error as NinetailedDeliveryError).code !== 'ERR_PROFILE_NOT_FOUND') throw error;
        if (current()) store.forgetId();
        id = undefined;
        data = await transport(endpoint(id), body);
      }
      if (current()) store.accept(data);
      else ids.set(at, data.profile.id);
      return null;
    } catch (error) {
      if (current()) store.fail(error as Error);
      return error as NinetailedDeliveryError;
    }
  };

  const run = async () => {
    try {
      while (outbox.size) {
        const batch = outbox.next(API_LIMITS);
        const error = await deliver(batch);
        outbox.remove(batch);
        deps.settled(batch, error);
      }
    } finally {
      // Never leave flush() waiting, whatever happened above.
      busy = false;
      const resolved = waiters;
      waiters = [];
      for (const resolve of resolved) resolve();
    }
  };

  const scheduler: Scheduler = {
    get epoch() {
      return epoch;
    },
    kick() {
      if (busy) return;
      busy = true;
      Promise.resolve().then(run);
    },
    flush: () =>
      busy || outbox.size
        ? new Promise((resolve) => {
            waiters.push(resolve);
            scheduler.kick();
          })
        : Promise.resolve(),
    reset() {
      ids.set(epoch++, store.id);
    },
  };
  return scheduler;
}
