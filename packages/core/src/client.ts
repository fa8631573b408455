import type { ViewSeam } from './componentView';
import { browserEnvironment } from './environment';
import { NinetailedError, NinetailedInputError, printable } from './errors';
import { buildEvent, type EventPayload } from './events';
import { BEAT_MS, MAX_EVENT_BYTES } from './limits';
import { createLogger } from './logger';
import type { Ninetailed } from './Ninetailed';
import { type NinetailedOptions, resolveOptions } from './options';
import { durableOutbox, type OutboxEntry } from './outbox';
import { identifyPayload, pagePayload, trackPayload } from './payloads';
import { type NinetailedPlugin, notifyPlugins, runEventHooks } from './plugins';
import { createProfileStore, type ProfileStore } from './profileStore';
import { createScheduler } from './scheduler';
import { readJson, safeStorage, writeJson } from './storage';
import { defaultTimers } from './timers';
import { httpTransport } from './transport';
import { uuid } from './uuid';
import { byteLength } from './validate';

/** The engine behind the `Ninetailed` class: its members, assigned to the instance. */
export type Client = Omit<Ninetailed, 'profileState'> & {
  readonly store: ProfileStore;
  readonly views: ViewSeam;
};

/** Where the visitor's consent choice is kept (JSON `true`/`false`). */
export const CONSENT_KEY = '__nt_consent__';

const done = Promise.resolve();
const enc = encodeURIComponent;

/**
 * Wires the pieces: environment seams, profile store, outbox, scheduler, transport, plugins,
 * consent and the page events (hide, online, other tabs). Throws `NinetailedConfigError` for
 * bad options.
 *
 * @example
 * ```ts
 * const client = createClient({ clientId: 'demo' });
 * await client.page({ category: 'news' });
 * client.store.state.status; // 'success'
 * ```
 */
export function createClient(options: NinetailedOptions): Client {
  const o = resolveOptions(options);
  const logger = createLogger(!!o.debug, o.onLog);
  const env = browserEnvironment(o);
  const timers = o.timers ?? defaultTimers;
  // Looked up at each request: a fetch polyfilled or stubbed later still takes hold.
  const send = o.fetch ?? ((url, init) => fetch(url, init));
  // Settles the call that queued each entry: resolves with `null`, rejects with an error.
  const pending = new Map<OutboxEntry, (error: NinetailedError | null) => void>();
  const report = (error: Error) => {
    logger.log('error', error.message, error);
    try {
      o.onError?.(error);
    } catch {}
  };
  const raise = (code: string, message: string) => report(new NinetailedError(code, message));
  const pluginFailed = (plugin: NinetailedPlugin, error: unknown) =>
    raise('ERR_PLUGIN', `plugin "${plugin.name}" threw: ${printable(error)}`);

  // On the server, touch no global storage (newer Node versions have a global localStorage).
  const storage = safeStorage(
    () => o.storage ?? (env ? localStorage : undefined),
    () => logger.log('debug', 'storage unavailable: using memory'),
  );
  const store = createProfileStore(
    storage,
    (error) => raise('ERR_SUBSCRIBER', `a profile subscriber threw: ${printable(error)}`),
    o.initialProfile,
    o.profileCookie === false ? undefined : env?.document,
  );
  const outbox = durableOutbox(
    storage,
    // The outbox keys: `__nt_outbox__/{clientId}/{environment}[/{tabId}]`.
    `__nt_outbox__/${o.clientId}/${o.environment}`,
    uuid(),
    () => timers.now(),
    ({ event }) => raise('ERR_OUTBOX_FULL', `outbox full: dropped the oldest event (${event.type})`),
  );
  // true, false (refused: pending events are dropped, nothing is collected), or undefined
  // (asked, not answered: events wait). The stored choice wins over the option.
  let consent: boolean | undefined;
  const readConsent = () => {
    const stored = readJson(storage, CONSENT_KEY);
    consent = typeof stored === 'boolean' ? stored : o.consent !== 'required' || undefined;
    if (consent === false) settle(outbox.clear(), null);
  };
  const settle = (entries: OutboxEntry[], error: NinetailedError | null) => {
    for (const entry of entries) {
      pending.get(entry)?.(error);
      pending.delete(entry);
    }
  };
  const scheduler = createScheduler(
    outbox,
    store,
    httpTransport(send, timers, o.requestTimeout),
    timers,
    // endpoint
    (id) =>
      `${o.url}/v2/organizations/${enc(o.clientId)}/environments/${enc(o.environment)}/profiles` +
      (id ? `/${enc(id)}` : '') +
      (o.locale ? `?locale=${enc(o.locale)}` : ''),
    // open: events leave only with consent
    () => consent === true,
    // settled
    (entries, error, retry) => {
      // A failure streak is reported once; its retries only log.
      if (retry > 1) logger.log('debug', 'retry failed', error);
      else if (error) report(error);
      if (!retry) settle(entries, error);
      notifyPlugins(
        o.plugins,
        'onDelivery',
        { events: entries.map((entry) => entry.event), error },
        pluginFailed,
      );
    },
    // idle: what is left is kept (held for consent, or for a retry): its calls are done.
    () => settle([...pending.keys()], null),
  );
  store.subscribe((state) => notifyPlugins(o.plugins, 'onProfileChange', state, pluginFailed));

  let beating: unknown;
  // Adopts the events of closed or crashed tabs (and of the last visit) and sends. While any tab
  // holds events, a heartbeat runs: it tells that this tab is alive, and looks again.
  const look = (stamp?: number) => {
    if (outbox.adopt(scheduler.epoch, stamp) && !beating) {
      beating = timers.setTimeout(() => {
        beating = 0;
        look(timers.now());
      }, BEAT_MS);
    }
    scheduler.kick();
  };
  readConsent();
  if (env) {
    const on = (type: string, listener: () => void) => env.window?.addEventListener(type, listener);
    // Another tab wrote: a profile id, a profile, a consent choice, or released its events.
    on('storage', () => {
      store.load();
      readConsent();
      look();
    });
    on('online', scheduler.resume);
    on('visibilitychange', () => env.document?.visibilityState === 'hidden' && scheduler.unload());
    on('pagehide', () => {
      scheduler.unload();
      outbox.release();
    });
    look();
  }

  /**
   * Validates (`payload` may throw), builds, runs the plugins and queues one event, all now.
   * Never throws: whatever the input or the seams throw becomes the rejection. (Not an `async`
   * function: its promise would settle a few ticks after `flush()`'s.)
   */
  const submit = (argument: string, payload: () => EventPayload | null): Promise<void> => {
    // Server rendering: no page, nothing to send. Refused consent: nothing is collected.
    if (!env || consent === false) return done;
    try {
      const input = payload();
      if (!input) return done;
      const event = runEventHooks(o.plugins, buildEvent(input, env, !!consent, timers.now()), pluginFailed);
      if (!event) {
        logger.log('debug', `${input.type} dropped by a plugin`);
        return done;
      }
      const bytes = byteLength(JSON.stringify(event));
      if (bytes > MAX_EVENT_BYTES) {
        throw new NinetailedInputError(argument, `the event is ${bytes} bytes, over the 32768 limit`);
      }
      return new Promise((resolve, reject) => {
        const entry = { event, epoch: scheduler.epoch, bytes };
        pending.set(entry, (error) => (error ? reject(error) : resolve()));
        outbox.add(entry);
        logger.log('debug', `${event.type} queued`, event);
        // One look (a storage write) per burst of calls; the outbox writes the rest once.
        (beating ? scheduler.kick : look)();
      });
    } catch (error) {
      const typed =
        error instanceof NinetailedError ? error : new NinetailedError('ERR_INTERNAL', printable(error));
      report(typed);
      return Promise.reject(typed);
    }
  };

  return {
    clientId: o.clientId,
    environment: o.environment,
    store,
    // The generic hook of the tree-shakable view tracking (`viewTracker`,
    // `trackStickyComponentView`): an events-only app carries nothing else for it.
    views: [o, timers, report, pluginFailed, submit],
    page: (properties) => submit('properties', () => pagePayload(properties)),
    track: (event, properties) => submit('properties', () => trackPayload(event, properties)),
    identify: (uid, traits) =>
      submit('traits', () =>
        identifyPayload(uid, traits, o.contactInfo, (found) =>
          logger.log(
            'warn',
            `identify: ${found.join(', ')} look like contact info (email or phone); ${
              o.contactInfo === 'strip' ? 'removed' : 'set privacy.contactInfo to "strip" to remove it'
            }`,
          ),
        ),
      ),
    reset() {
      scheduler.reset();
      store.clear();
      return done;
    },
    flush: scheduler.flush,
    debug(enabled) {
      logger.enabled = !!enabled;
    },
    consent(given) {
      writeJson(storage, CONSENT_KEY, !!given);
      readConsent();
      scheduler.kick();
    },
    onProfileChange: store.subscribe,
  };
}
