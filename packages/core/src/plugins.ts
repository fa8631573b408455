import type { ComponentView } from './componentView';
import { NinetailedConfigError, type NinetailedDeliveryError } from './errors';
import type { NinetailedEvent, ProfileState } from './types';
import { toJsonText } from './validate';

/**
 * What a plugin hears after a request: the events it carried and the error, if it failed.
 *
 * @example
 * ```ts
 * const onDelivery = ({ events, error }: DeliveryReport) => console.log(events.length, error?.code);
 * ```
 */
export interface DeliveryReport {
  events: NinetailedEvent[];
  error: NinetailedDeliveryError | null;
}

/**
 * A plugin: ordered hooks run for every event before it is queued, and observers of deliveries
 * and profile changes. A hook that throws is reported through `onError` and skipped; the event
 * goes on unchanged.
 *
 * - `onEvent` gets a copy of the event. Return a new event (enrich), nothing (keep the copy,
 *   which you may have edited), or `null` (drop it: nothing is sent, the call resolves).
 * - `onComponentView` hears every view counted by `observeElement` (sticky or not), for
 *   analytics such as Insights.
 *
 * @example
 * ```ts
 * const addPlan: NinetailedPlugin = {
 *   name: 'add-plan',
 *   onEvent: (event) => (event.type === 'track' ? { ...event, properties: { ...event.properties, plan: 'pro' } } : event),
 * };
 * const noBots: NinetailedPlugin = { name: 'no-bots', onEvent: (e) => (/bot/i.test(e.context.userAgent) ? null : e) };
 * new Ninetailed({ clientId: 'demo', plugins: [addPlan, noBots] });
 * ```
 */
export interface NinetailedPlugin {
  name: string;
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook that edits the copy may simply not return
  onEvent?(event: NinetailedEvent): NinetailedEvent | null | undefined | void;
  onDelivery?(report: DeliveryReport): void;
  onProfileChange?(state: ProfileState): void;
  onComponentView?(view: ComponentView): void;
}

type Report = (plugin: NinetailedPlugin, error: unknown) => void;

/** Runs the `onEvent` hooks in order; `null` when one drops the event. */
export function runEventHooks(
  plugins: readonly NinetailedPlugin[],
  event: NinetailedEvent,
  report: Report,
): NinetailedEvent | null {
  for (const plugin of plugins) {
    if (!plugin.onEvent) continue;
    try {
      // A copy, so a hook that edits the event and then throws leaves the event as it was.
      const copy = JSON.parse(JSON.stringify(event)) as NinetailedEvent;
      const out = plugin.onEvent(copy);
      if (out === null) return null;
      const next = JSON.parse(toJsonText(out ?? copy, 'event'));
      if (next?.type !== event.type || typeof next.messageId !== 'string') {
        throw new TypeError('onEvent must return an event of the same type, undefined or null');
      }
      event = next;
    } catch (error) {
      report(plugin, error);
    }
  }
  return event;
}

/** Calls one observer hook on every plugin, isolating failures. */
export function notifyPlugins<K extends 'onDelivery' | 'onProfileChange' | 'onComponentView'>(
  plugins: readonly NinetailedPlugin[],
  hook: K,
  arg: Parameters<NonNullable<NinetailedPlugin[K]>>[0],
  report: Report,
): void {
  for (const plugin of plugins) {
    try {
      (plugin[hook] as ((a: typeof arg) => void) | undefined)?.call(plugin, arg);
    } catch (error) {
      report(plugin, error);
    }
  }
}

/** Replacements of v7's plugins, by a word of their name (the rest: a plugin of this version). */
const REPLACED: [RegExp, string][] = [
  [/insight/i, 'option `insights`'],
  [/ssr/i, 'option `profileCookie`'],
  [/privacy/i, 'options `consent`, `privacy`'],
  [/preview/i, 'none (Preview is not supported)'],
];

/**
 * Returns `plugin`, or throws `NinetailedConfigError` for a v7 plugin (`@ninetailed/experience.js-plugin-*`,
 * run by the `analytics` library: `has_seen_element`, `initialize`, `page`, ... hooks), which this
 * version cannot run: the error names it and its replacement.
 *
 * @example
 * ```ts
 * checkPlugin({ name: 'mine', onEvent: (e) => e }); // returned
 * checkPlugin(new GoogleTagManagerPlugin()); // throws: ... use instead: a NinetailedPlugin ...
 * ```
 */
export function checkPlugin(plugin: NinetailedPlugin): NinetailedPlugin {
  const p = Object(plugin) as Record<string, unknown>;
  if (
    'has_seen_element' in p ||
    ['initialize', 'page', 'track', 'identify'].some((k) => typeof p[k] === 'function')
  ) {
    const name = String(p.name);
    throw new NinetailedConfigError(
      'plugins',
      `"${name}" is a v7 plugin, which this version does not run; use instead: ${
        REPLACED.find(([word]) => word.test(name))?.[1] ?? 'a NinetailedPlugin (onEvent, onComponentView)'
      } (docs/migrating-from-v7.md#plugins)`,
    );
  }
  return plugin;
}
