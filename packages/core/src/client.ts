import { browserEnvironment } from './environment';
import { NinetailedError, NinetailedInputError } from './errors';
import { buildEvent, type EventPayload } from './events';
import { createLogger, type Logger } from './logger';
import { type NinetailedOptions, type ResolvedOptions, resolveOptions } from './options';
import { memoryOutbox, type OutboxEntry } from './outbox';
import { type NinetailedPlugin, notifyPlugins, runEventHooks } from './plugins';
import { createProfileStore, type ProfileStore } from './profileStore';
import { createScheduler } from './scheduler';
import { defaultStorage, memoryStorage, safeStorage } from './storage';
import { defaultTimers } from './timers';
import { httpTransport } from './transport';
import { byteLength, MAX_EVENT_BYTES } from './validate';

/** The engine behind the `Ninetailed` class. */
export interface Client {
  readonly options: ResolvedOptions;
  readonly logger: Logger;
  readonly store: ProfileStore;
  consent: boolean;
  /** Validates (`payload` may throw), builds, runs the plugins and queues one event. Never throws. */
  submit(argument: string, payload: () => EventPayload | null): Promise<void>;
  reset(): void;
  flush(): Promise<void>;
}

const done = Promise.resolve();
const enc = encodeURIComponent;

/**
 * Wires the pieces: environment seams, profile store, outbox, scheduler, transport, plugins.
 * Throws `NinetailedConfigError` for bad options.
 *
 * @example
 * ```ts
 * const client = createClient({ clientId: 'demo' });
 * client.submit('properties', () => pagePayload({}));
 * ```
 */
export function createClient(options: NinetailedOptions): Client {
  const o = resolveOptions(options);
  const logger = createLogger(!!o.debug, o.onLog);
  const env = browserEnvironment(o);
  const timers = o.timers ?? defaultTimers;
  // Looked up at each request: a fetch polyfilled or stubbed later still takes hold.
  const fetch = o.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const outbox = memoryOutbox();
  const pending = new Map<OutboxEntry, { resolve: () => void; reject: (error: Error) => void }>();

  const report = (error: Error) => {
    logger.log('error', error.message, error);
    try {
      o.onError?.(error);
    } catch {}
  };
  const pluginFailed = (plugin: NinetailedPlugin, error: unknown) =>
    report(new NinetailedError('ERR_PLUGIN', `plugin "${plugin.name}" threw: ${error}`));

  // On the server, touch no global storage (newer Node versions have a global localStorage).
  const storage = o.storage ?? (env ? defaultStorage() : memoryStorage());
  const store = createProfileStore(safeStorage(storage), (error) =>
    report(new NinetailedError('ERR_SUBSCRIBER', `a profile subscriber threw: ${error}`)),
  );
  const scheduler = createScheduler({
    outbox,
    store,
    transport: httpTransport(fetch, timers, o.requestTimeout),
    endpoint: (id) =>
      `${o.url}/v2/organizations/${enc(o.clientId)}/environments/${enc(o.environment)}/profiles` +
      (id ? `/${enc(id)}` : '') +
      (o.locale ? `?locale=${enc(o.locale)}` : ''),
    requestOptions: () => (client.consent ? { features: ['ip-enrichment', 'location'] } : {}),
    now: () => timers.now(),
    settled(entries, error) {
      if (error) report(error);
      for (const entry of entries) {
        const deferred = pending.get(entry);
        pending.delete(entry);
        if (error) deferred?.reject(error);
        else deferred?.resolve();
      }
      notifyPlugins(
        o.plugins,
        'onDelivery',
        { events: entries.map((entry) => entry.event), error },
        pluginFailed,
      );
    },
  });
  store.subscribe((state) => notifyPlugins(o.plugins, 'onProfileChange', state, pluginFailed));

  const client: Client = {
    options: o,
    logger,
    store,
    consent: o.consent !== 'required',
    submit(argument, payload) {
      // Server rendering: no page, nothing to send.
      if (!env) return done;
      try {
        const input = payload();
        if (!input) return done;
        const event = runEventHooks(
          o.plugins,
          buildEvent(input, env, client.consent, timers.now()),
          pluginFailed,
        );
        if (!event) {
          logger.log('debug', `${input.type} dropped by a plugin`);
          return done;
        }
        const bytes = byteLength(JSON.stringify(event));
        if (bytes > MAX_EVENT_BYTES) {
          throw new NinetailedInputError(
            argument,
            `the event weighs ${bytes} bytes, over the ${MAX_EVENT_BYTES} limit`,
          );
        }
        return new Promise((resolve, reject) => {
          const entry = { event, epoch: scheduler.epoch, bytes };
          pending.set(entry, { resolve, reject });
          outbox.add(entry);
          logger.log('debug', `${event.type} queued`, event);
          scheduler.kick();
        });
      } catch (error) {
        const typed =
          error instanceof NinetailedError ? error : new NinetailedError('ERR_INTERNAL', String(error));
        report(typed);
        return Promise.reject(typed);
      }
    },
    reset() {
      scheduler.reset();
      store.clear();
    },
    flush: () => scheduler.flush(),
  };
  return client;
}
