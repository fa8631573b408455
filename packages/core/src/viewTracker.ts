import { check } from './check';
import { checkComponent } from './checkComponent';
import { type ComponentViewPayload, viewSeam } from './componentView';
import type { Ninetailed } from './Ninetailed';
import { notifyPlugins } from './plugins';
import { trackStickyComponentView } from './trackStickyComponentView';
import { uuid } from './uuid';

/** One watched element: what it shows, and the pending count while it is visible. */
interface Watch {
  payload: ComponentViewPayload;
  timer?: unknown;
}

/** The view tracker of one instance: its observer and the elements it watches. */
export interface ViewTracker {
  observe(element: Element, payload: ComponentViewPayload): () => void;
  unobserve(element: Element): void;
}

const trackers = new WeakMap<object, ViewTracker>();
/** The views already counted, per element (`experienceId|variantIndex|componentId`): kept across re-renders. */
const counted = new WeakMap<Element, Set<string>>();

const noop = () => {};
const keyOf = ({ experienceId, variantIndex, componentId }: ComponentViewPayload) =>
  `${experienceId}|${variantIndex}|${componentId}`;

/**
 * The tracker of `ninetailed`, made on first use: one shared IntersectionObserver for all its
 * elements. `null` without IntersectionObserver (server, old browsers) or for something that is
 * not an instance.
 *
 * @example
 * ```ts
 * viewTracker(ninetailed)?.observe(element, { variantIndex: 0, componentId: 'hero-default', componentType: 'Entry' });
 * ```
 */
export function viewTracker(ninetailed: Ninetailed): ViewTracker | null {
  const seam = viewSeam(ninetailed);
  const Observer = globalThis.IntersectionObserver;
  if (!seam || typeof Observer !== 'function') return null;
  let tracker = trackers.get(ninetailed);
  if (tracker) return tracker;
  const [o, timers, report, pluginFailed] = seam;
  const threshold = o.componentViewTrackingThreshold ?? 2000;
  const watches = new Map<Element, Watch>();
  const stop = (watch: Watch) => {
    timers.clearTimeout(watch.timer);
    watch.timer = undefined;
  };
  const observer = new Observer((entries) => {
    for (const { target, isIntersecting } of entries) {
      const watch = watches.get(target);
      if (!watch) continue;
      const { payload } = watch;
      if (!isIntersecting) stop(watch);
      else if (watch.timer === undefined && !counted.get(target)?.has(keyOf(payload))) {
        watch.timer = timers.setTimeout(() => {
          watch.timer = undefined;
          counted.set(target, (counted.get(target) ?? new Set()).add(keyOf(payload)));
          // Counted once visible for `threshold` ms without a break: that long, exactly.
          const view = { ...payload, viewId: uuid(), viewDurationMs: threshold };
          notifyPlugins(o.plugins, 'onComponentView', view, pluginFailed);
          // Its promise rejects only for what `onError` already heard.
          if (payload.sticky) trackStickyComponentView(ninetailed, view as never).catch(noop);
        }, threshold);
      }
    }
  });
  tracker = {
    observe(element, payload) {
      try {
        check(element && typeof element === 'object', 'element', 'an element');
        checkComponent(payload, true);
      } catch (error) {
        report(error as Error);
        return noop;
      }
      tracker!.unobserve(element);
      const watch: Watch = { payload: { ...payload } };
      watches.set(element, watch);
      observer.observe(element);
      // Stops only the registration it made: a stale cleanup leaves a newer one alone.
      return () => void (watches.get(element) === watch && tracker!.unobserve(element));
    },
    unobserve(element) {
      const watch = watches.get(element);
      if (!watch) return;
      stop(watch);
      watches.delete(element);
      observer.unobserve(element);
    },
  };
  trackers.set(ninetailed, tracker);
  return tracker;
}
