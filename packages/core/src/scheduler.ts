import type { NinetailedDeliveryError } from './errors';
import type { Outbox, OutboxEntry } from './outbox';
import type { ProfileStore } from './profileStore';
import type { NinetailedTimers } from './timers';
import type { Transport } from './transport';

/** Drives delivery; see `createScheduler`. */
export interface Scheduler {
  /** Counts `reset()` calls; stamped on each outbox entry. */
  readonly epoch: number;
  /** Starts delivery if idle. */
  kick(): void;
  /** Resolves when delivery stops: nothing is pending, or what is left waits for consent or a retry. */
  flush(): Promise<void>;
  /** Starts a new epoch: later responses to earlier events no longer touch the current profile. */
  reset(): void;
  /** Retries now (the browser is back online). */
  resume(): void;
  /** Page hide: sends the oldest pending events with `keepalive`, leaving them in the outbox. */
  unload(): void;
}

/** What the scheduler drives and whom it tells. */
export interface SchedulerParts {
  /** Where the events wait, oldest first. */
  outbox: Outbox;
  /** The profile the answers go to. */
  store: ProfileStore;
  transport: Transport;
  timers: NinetailedTimers;
  /** The profile endpoint URL, for a known profile id or for a new profile. */
  endpoint: (profileId: string | undefined) => string;
  /** Whether events may leave now (consent, and the app's `onInitProfileId` answered). */
  open: () => boolean;
  /**
   * Told once per request with the entries it carried (some may have been settled already),
   * after they left the outbox, or with `retry` > 0 (the number of failures in a row) when they
   * stay for a retry. Must not throw.
   */
  settled: (entries: OutboxEntry[], error: NinetailedDeliveryError | null, retry: number) => void;
  /** Told when delivery stops with events left (held, or waiting for a retry). */
  idle: () => void;
}

/**
 * The error table of experience-api.md: a 4xx other than 404, 408 and 429 is final (retrying
 * cannot help: the batch is dropped); anything else (network, timeout, 5xx, 404, 408, 429) is
 * transient and retried. (A 404 `ERR_PROFILE_NOT_FOUND` never gets here: it is re-sent at once
 * without the profile id.)
 *
 * @example
 * ```ts
 * isFinal(new NinetailedDeliveryError('ERR_INVALID_DATA', 400, 'bad')); // true
 * isFinal(new NinetailedDeliveryError('ERR_NETWORK', 0, 'offline')); // false
 * ```
 */
export const isFinal = ({ status }: NinetailedDeliveryError): boolean =>
  status > 399 && status < 500 && ![404, 408, 429].includes(status);

/** First retry delay; it doubles per failure in a row, six times at most (64 s), with jitter. */
export const BACKOFF_MS = 1000;
/** The longest `Retry-After` honoured. */
export const MAX_RETRY_AFTER_MS = 300_000;
/** Body budget of a `keepalive` request: the browser allows 64 KiB in flight per page. */
export const UNLOAD_BYTES = 48 * 1024;

/**
 * Delivers the outbox one request at a time. A request starts as soon as the SDK is idle (one
 * microtask after the call, so calls made in the same tick travel together); calls made while a
 * request is in flight gather into the next one, oldest first, within the API limits. One
 * request at a time also means a new visitor gets exactly one profile, and a retry never
 * reorders events: a failed batch stays first in line.
 *
 * Failures follow the error table of experience-api.md: a 4xx other than 404, 408 and 429
 * drops the batch; a 404 `ERR_PROFILE_NOT_FOUND` re-sends it at once without the profile id;
 * anything else (network, timeout, 5xx, 429, other 404s) keeps it and retries after an
 * exponential, jittered backoff, or the server's `Retry-After` when longer.
 *
 * @example
 * ```ts
 * const scheduler = createScheduler({ outbox, store, transport, timers, endpoint, open, settled, idle });
 * outbox.add(entry);
 * scheduler.kick();
 * await scheduler.flush();
 * ```
 */
export function createScheduler({
  outbox,
  store,
  transport,
  timers,
  endpoint,
  open,
  settled,
  idle,
}: SchedulerParts): Scheduler {
  let epoch = 0;
  let busy = false;
  let unloading = false;
  let failures = 0;
  let retry: unknown;
  let waiters: Array<() => void> = [];
  /** Profile ids of the epochs before each reset (a number per reset: not worth pruning). */
  const ids = new Map<number, string | undefined>();

  const deliver = async (
    batch: OutboxEntry[],
    keepalive?: boolean,
  ): Promise<NinetailedDeliveryError | null> => {
    const at = batch[0]!.epoch;
    const current = () => at === epoch;
    let id = current() ? store.id : ids.get(at);
    // `sentAt` is when this request leaves: stamped again for a retry or a re-send, so the API
    // can tell how long the events waited. Events leave only with consent, so they say so, also
    // those held until it came.
    const send = () => {
      const sentAt = new Date(timers.now()).toISOString();
      return transport(
        endpoint(id),
        JSON.stringify({
          events: batch.map(({ event }) => ({
            ...event,
            sentAt,
            context: { ...event.context, gdpr: { isConsentGiven: true } },
          })),
          options: { features: ['ip-enrichment', 'location'] },
        }),
        keepalive,
      );
    };
    try {
      let data: Awaited<ReturnType<Transport>>;
      try {
        data = await send();
      } catch (error) {
        // The profile was deleted or merged away: forget it, these events create a new one.
        if (!id || (error as NinetailedDeliveryError).code !== 'ERR_PROFILE_NOT_FOUND') throw error;
        if (current()) store.forgetId();
        id = undefined;
        data = await send();
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
      while (open() && !retry) {
        const batch = outbox.next();
        // Without a profile id, a tab waits for the one that creates it (another tab's write wakes it).
        if (!batch.length || !(store.id || outbox.leads())) break;
        const error = await deliver(batch);
        if (error && !isFinal(error)) {
          // 1 s, 2 s, 4 s ... 64 s, each drawn from [half, all] of it; or longer if the server asks.
          const backoff = BACKOFF_MS * 2 ** Math.min(failures, 6) * (0.5 + Math.random() / 2);
          retry = timers.setTimeout(
            () => {
              retry = 0;
              scheduler.kick();
            },
            Math.min(MAX_RETRY_AFTER_MS, Math.max(error.retryAfter, backoff)),
          );
          settled(batch, error, ++failures);
        } else {
          failures = 0;
          outbox.remove(batch);
          settled(batch, error, 0);
        }
      }
    } finally {
      // Never leave flush() waiting, whatever happened above.
      busy = false;
      idle();
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
      new Promise((resolve) => {
        waiters.push(resolve);
        scheduler.kick();
      }),
    reset() {
      ids.set(epoch++, store.id);
    },
    resume() {
      timers.clearTimeout(retry);
      retry = failures = 0;
      scheduler.kick();
    },
    unload() {
      // While a new visitor's first request is out, a second one would make a second profile.
      if (unloading || !open() || !(store.id || (!busy && outbox.leads()))) return;
      const batch = outbox.next(UNLOAD_BYTES);
      if (batch.length) {
        unloading = true;
        deliver(batch, true).then((error) => {
          unloading = false;
          if (!error) {
            outbox.remove(batch);
            settled(batch, null, 0);
          }
        });
      }
    },
  };
  return scheduler;
}
