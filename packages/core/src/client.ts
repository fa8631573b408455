import { checkComponent } from './checkComponent';
import type { ComponentViewPayload, ViewSeam } from './componentView';
import { createConsent } from './consent';
import { browserEnvironment } from './environment';
import { NinetailedError, NinetailedInputError, printable } from './errors';
import { buildEvent, type EventPayload } from './events';
import { BEAT_MS, MAX_EVENT_BYTES, SENT_AT_BYTES } from './limits';
import { createLogger } from './logger';
import type { FlushPromise, Ninetailed } from './Ninetailed';
import { type NinetailedOptions, resolveOptions } from './options';
import { durableOutbox, type OutboxEntry } from './outbox';
import { identifyPayload, pagePayload, trackPayload } from './payloads';
import { type NinetailedPlugin, notifyPlugins, runEventHooks } from './plugins';
import { ANONYMOUS_ID_KEY, createProfileStore, type ProfileStore } from './profileStore';
import { createScheduler } from './scheduler';
import { selectHook } from './selectHook';
import { safeStorage, writeJson } from './storage';
import { defaultTimers } from './timers';
import { httpTransport } from './transport';
import type { ChangesState, EventFunctionOptions, FlushResult } from './types';
import { uuid } from './uuid';
import { byteLength } from './validate';
import { viewHook } from './viewHook';

/** The engine behind the `Ninetailed` class: its members, assigned to the instance. */
export type Client = Omit<Ninetailed, 'profileState' | 'eventBuilder'> & {
  readonly store: ProfileStore;
  readonly views: ViewSeam;
};

const done = Promise.resolve();
/** What a call resolves with: a fresh object each time, callers may keep (and edit) it. */
// biome-ignore lint/suspicious/noConfusingVoidType: see `FlushPromise`
const result = (error?: Error | null): FlushResult & void =>
  // biome-ignore lint/suspicious/noConfusingVoidType: see `FlushPromise`
  (error ? { success: false, error } : { success: true }) as FlushResult & void;
const ok = () => Promise.resolve(result());
const enc = encodeURIComponent;

/**
 * Wires the pieces. A call goes: `payloads` (input checks) → `events` (the event) → `plugins`
 * (`runEventHooks`) → `consent` (held or refused) → `outbox` (durable queue) → `scheduler`
 * (delivery, `isFinal` error classification) → `transport` (HTTP) → `profileStore`. Also the
 * page events (hide, online, other tabs) and v7's options. Throws `NinetailedConfigError` for
 * bad options. `instance`: the `Ninetailed` object the methods hand to the view tracking.
 *
 * @example
 * ```ts
 * const client = createClient({ clientId: 'demo' });
 * await client.page({ category: 'news' });
 * client.store.state.status; // 'success'
 * ```
 */
export function createClient(options: NinetailedOptions, instance?: object): Client {
  const o = resolveOptions(options);
  const logger = createLogger(!!o.debug, o.onLog);
  const env = browserEnvironment(o);
  for (const option of ['preview', 'useSDKEvaluation'] as const) {
    if (o[option]) {
      const text = `option "${option}" (v7) is ignored (docs/migrating-from-v7.md)`;
      logger.print('warn', text);
      // Loud even with debug off, where warnings reach only \`onLog\`.
      if (!logger.enabled) globalThis.console?.warn(`[ninetailed] ${text}`);
    }
  }
  const timers = o.timers ?? defaultTimers;
  // Looked up at each request: a fetch polyfilled or stubbed later still takes hold.
  const send = o.fetch ?? ((url, init) => fetch(url, init));
  // Settles the call that queued each entry: with `null` (success) or the error.
  const pending = new Map<OutboxEntry, (error: NinetailedError | null) => void>();
  const report = (error: Error) => {
    logger.print('error', error.message, error);
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
    () => logger.print('debug', 'storage unavailable: using memory'),
  );
  const store = createProfileStore(
    storage,
    (error) => raise('ERR_SUBSCRIBER', `a profile subscriber threw: ${printable(error)}`),
    o.initialProfile,
    o.profileCookie === false ? undefined : env?.document,
  );
  // v7's \`onInitProfileId\`: the id it returns becomes the profile id; delivery waits for a promise.
  let waiting: unknown;
  const adopt = (id: unknown) => {
    if (typeof id === 'string' && id) writeJson(storage, ANONYMOUS_ID_KEY, id);
  };
  if (env && o.onInitProfileId) {
    try {
      const id = o.onInitProfileId(store.id);
      if (id instanceof Promise) {
        waiting = id
          .then(adopt, (error) => raise('ERR_INIT_PROFILE_ID', `onInitProfileId failed: ${printable(error)}`))
          .then(() => {
            waiting = 0;
            scheduler.kick();
          });
      } else adopt(id);
    } catch (error) {
      raise('ERR_INIT_PROFILE_ID', `onInitProfileId threw: ${printable(error)}`);
    }
  }
  const outbox = durableOutbox({
    storage,
    // The outbox keys: `__nt_outbox__/{clientId}/{environment}[/{tabId}]`.
    namespace: `__nt_outbox__/${o.clientId}/${o.environment}`,
    tabId: uuid(),
    now: () => timers.now(),
    onDrop: ({ event }) => raise('ERR_OUTBOX_FULL', `outbox full: dropped the oldest event (${event.type})`),
  });
  // The consent step: refused drops what is pending; not answered holds it.
  const consent = createConsent(storage, o.consent === 'required', () => settle(outbox.clear(), null));
  const settle = (entries: OutboxEntry[], error: NinetailedError | null) => {
    for (const entry of entries) {
      pending.get(entry)?.(error);
      pending.delete(entry);
    }
  };
  const scheduler = createScheduler({
    outbox,
    store,
    transport: httpTransport(send, timers, o.requestTimeout),
    timers,
    endpoint: (id) =>
      `${o.url}/v2/organizations/${enc(o.clientId)}/environments/${enc(o.environment)}/profiles` +
      (id ? `/${enc(id)}` : '') +
      (o.locale ? `?locale=${enc(o.locale)}` : ''),
    // Events leave only with consent (and once `onInitProfileId` has answered).
    open: () => consent.given === true && !waiting,
    settled(entries, error, retry) {
      // A failure streak is reported once; its retries only log.
      if (retry > 1) logger.print('debug', 'retry failed', error);
      else if (error) report(error);
      if (!retry) settle(entries, error);
      notifyPlugins(
        o.plugins,
        'onDelivery',
        { events: entries.map((entry) => entry.event), error },
        pluginFailed,
      );
    },
    // What is left is kept (held for consent, or for a retry): its calls are done.
    idle: () => settle([...pending.keys()], null),
  });
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
  consent.read();
  if (env) {
    const on = (type: string, listener: () => void) => env.window?.addEventListener(type, listener);
    // Another tab wrote: a profile id, a profile, a consent choice, or released its events.
    on('storage', () => {
      store.load();
      consent.read();
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
   * Validates (`payload` may throw), builds, runs the plugins (those `options.plugins` lets hear
   * it) and queues one event, all now. Never throws nor rejects: whatever the input or the seams
   * throw becomes `{ success: false, error }`. (Not an `async` function: its promise would settle
   * a few ticks after `flush()`'s.)
   */
  const submit = (
    argument: string,
    payload: () => EventPayload | null,
    options?: EventFunctionOptions,
  ): FlushPromise => {
    // Server rendering: no page, nothing to send. Refused consent: nothing is collected.
    if (!env || consent.given === false) return ok();
    try {
      const input = payload();
      if (!input) return ok();
      const only = options?.plugins;
      const event = runEventHooks(
        only ? o.plugins.filter((plugin) => only[plugin.name] ?? only.all ?? true) : o.plugins,
        buildEvent(input, env, !!consent.given, timers.now(), o.buildClientContext),
        pluginFailed,
      );
      if (!event) {
        logger.print('debug', `${input.type} dropped by a plugin`);
        return ok();
      }
      // As it travels: with the `sentAt` the request stamps on it.
      const bytes = byteLength(JSON.stringify(event)) + SENT_AT_BYTES;
      if (bytes > MAX_EVENT_BYTES) {
        throw new NinetailedInputError(argument, `the event is ${bytes} bytes, over the 32768 limit`);
      }
      return new Promise((resolve) => {
        const entry = { event, epoch: scheduler.epoch, bytes };
        pending.set(entry, (error) => resolve(result(error)));
        outbox.add(entry);
        logger.print('debug', `${event.type} queued`, event);
        // One look (a storage write) per burst of calls; the outbox writes the rest once.
        (beating ? scheduler.kick : look)();
      });
    } catch (error) {
      const typed =
        error instanceof NinetailedError ? error : new NinetailedError('ERR_INTERNAL', printable(error));
      report(typed);
      return Promise.resolve(result(typed));
    }
  };
  /**
   * Runs `hook` on the instance: the code of a v7 method that comes with the tree-shakable
   * function of its name (see `selectHook`, `viewHook`); without it, reports what to import.
   */
  const hooked = (
    name: string,
    hook: ((ninetailed: Ninetailed, ...args: never[]) => unknown) | undefined,
    ...args: unknown[]
  ) =>
    hook
      ? hook((instance ?? self) as Ninetailed, ...(args as never[]))
      : raise(
          'ERR_NOT_LOADED',
          `ninetailed.${name} needs: import { ${name} } from '@ninetailed/experience.js'`,
        );
  const legacy = (name: string, componentType: ComponentViewPayload['componentType']) => {
    let warned = false;
    return (seen: unknown): FlushPromise => {
      if (!warned) {
        warned = true;
        logger.print('warn', `${name} is deprecated (v7): use trackComponentView`);
      }
      const view = Object(seen);
      const id = view.variant?.id;
      // trackHasSeenComponent gives no experience nor index: the API's selection of that variant.
      const { variantIndex = 0, experienceId } =
        view.variantIndex === undefined
          ? (store.state.experiences?.find((i) => Object.values(Object(i?.variants)).includes(id)) ?? {})
          : view;
      return self.trackComponentView({ componentId: id, componentType, variantIndex, experienceId });
    };
  };
  const sticky = (view: unknown) =>
    submit('view', () => ({
      type: 'component',
      ...checkComponent({ componentType: 'Entry', ...Object(view) }),
    }));

  const self: Client = {
    clientId: o.clientId,
    environment: o.environment,
    store,
    // The generic hook of the tree-shakable view tracking (`viewTracker`,
    // `trackStickyComponentView`): an events-only app carries nothing else for it.
    views: [o, timers, report, pluginFailed, submit, storage, () => consent.given, env],
    page: (properties, options) => submit('properties', () => pagePayload(properties), options),
    track: (event, properties, options) =>
      submit('properties', () => trackPayload(event, properties), options),
    identify: (uid, traits, options) =>
      submit(
        'traits',
        () =>
          identifyPayload(uid, traits, o.contactInfo, (found) =>
            logger.print(
              'warn',
              `identify: ${found.join(', ')} look like contact info (email or phone); ${
                o.contactInfo === 'strip' ? 'removed' : 'set privacy.contactInfo to "strip" to remove it'
              }`,
            ),
          ),
        options,
      ),
    batch(events) {
      const calls = [...(Array.isArray(events) ? events : [])].map((e) =>
        e?.type === 'page'
          ? self.page(e.properties)
          : e?.type === 'track'
            ? self.track(e.event as string, e.properties)
            : e?.type === 'identify'
              ? self.identify(e.userId as string, e.traits)
              : submit('events', () => {
                  throw new NinetailedInputError('events', `unknown event type ${printable(e?.type)}`);
                }),
      );
      return Promise.all(calls).then((results) => results.find((r) => !r.success) ?? result());
    },
    trackStickyComponentView: sticky,
    trackComponentView(view: ComponentViewPayload) {
      notifyPlugins(
        o.plugins,
        'onComponentView',
        { ...view, viewId: uuid(), viewDurationMs: 0 },
        pluginFailed,
      );
      return view?.sticky && view.experienceId ? sticky(view) : ok();
    },
    // v7's deprecated view methods: `trackComponentView`, warning once each.
    trackHasSeenComponent: legacy('trackHasSeenComponent', 'Entry'),
    trackVariableComponentView: legacy('trackVariableComponentView', 'Variable'),
    onSelectVariant: (args, callback) =>
      (hooked('onSelectVariant', selectHook.onSelectVariant, args, callback) as () => void) ?? (() => {}),
    observeElement({ element, experience, variant, ...payload }) {
      hooked('observeElement', viewHook.observe, element, {
        experienceId: experience?.id,
        componentId: variant?.id,
        componentType: 'Entry',
        sticky: experience?.sticky,
        ...payload,
      });
    },
    unobserveElement(element) {
      hooked('unobserveElement', viewHook.unobserve, element);
    },
    plugins: o.plugins,
    logger,
    onIsInitialized(callback) {
      done
        .then(callback)
        .catch((error) => raise('ERR_SUBSCRIBER', `onIsInitialized callback threw: ${printable(error)}`));
    },
    onChangesChange: (callback) =>
      store.subscribe(({ status, changes, error }) =>
        callback({ status, changes: status === 'success' ? changes : null, error } as ChangesState),
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
      consent.set(given);
      scheduler.kick();
    },
    onProfileChange: store.subscribe,
  };
  return self;
}
