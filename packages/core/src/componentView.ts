import type { PageEnvironment } from './environment';
import type { EventPayload } from './events';
import type { ResolvedOptions } from './options';
import type { NinetailedPlugin } from './plugins';
import type { NinetailedStorage } from './storage';
import type { NinetailedTimers } from './timers';

/**
 * What `observeElement` needs to know about the element it watches: the experience and variant
 * it shows, and the component (the variant's entry id, or `Variable-<key>`).
 * `experienceId` is absent for a baseline shown outside any experience.
 *
 * @example
 * ```ts
 * import type { ComponentViewPayload } from '@ninetailed/experience.js';
 * const payload: ComponentViewPayload = {
 *   experienceId: 'cta-test', variantIndex: 1, componentId: 'cta-bold', componentType: 'Entry', sticky: true,
 * };
 * ```
 */
export interface ComponentViewPayload {
  experienceId?: string;
  variantIndex: number;
  componentId: string;
  componentType: 'Entry' | 'Variable';
  /** The experience keeps the variant once seen: a counted view is sent to the Experience API. */
  sticky?: boolean;
}

/**
 * A counted view, as plugins hear it (`NinetailedPlugin.onComponentView`): the payload, a
 * `viewId` unique to this view, and how long the element had been visible (ms).
 *
 * @example
 * ```ts
 * import type { ComponentView } from '@ninetailed/experience.js';
 * const log = (view: ComponentView) => console.log(view.experienceId, view.variantIndex, view.viewDurationMs);
 * ```
 */
export interface ComponentView extends ComponentViewPayload {
  viewId: string;
  viewDurationMs: number;
}

/**
 * The argument of `trackStickyComponentView`: the fields of the `component` event (other keys
 * are ignored).
 *
 * @example
 * ```ts
 * import type { StickyComponentView } from '@ninetailed/experience.js';
 * const view: StickyComponentView = {
 *   componentType: 'Entry', componentId: 'cta-bold', experienceId: 'cta-test', variantIndex: 1,
 * };
 * ```
 */
export interface StickyComponentView {
  componentType: 'Entry' | 'Variable';
  componentId: string;
  experienceId: string;
  variantIndex: number;
}

/**
 * What the view tracking reads from an instance (internal, not exported from the package): the
 * client's options, timers, error report, plugin failure report, event submission, storage,
 * consent (`true`, `false` refused, `undefined` not answered) and page environment (`null` on
 * the server), for Insights. A tuple, so the class (and an events-only app) carries only its
 * references.
 */
export type ViewSeam = readonly [
  o: ResolvedOptions,
  timers: NinetailedTimers,
  report: (error: Error) => void,
  pluginFailed: (plugin: NinetailedPlugin, error: unknown) => void,
  submit: (argument: string, payload: () => EventPayload) => Promise<void>,
  storage: NinetailedStorage,
  consent: () => boolean | undefined,
  env: PageEnvironment | null,
];

/**
 * The view seam of `ninetailed`, or `undefined` for something that is not an instance.
 *
 * @example
 * ```ts
 * const [o] = viewSeam(ninetailed) ?? []; // internal
 * ```
 */
export const viewSeam = (ninetailed: unknown): ViewSeam | undefined =>
  (Object(ninetailed) as { views?: ViewSeam }).views;
