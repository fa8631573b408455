import { check } from './check';
import { checkComponent } from './checkComponent';
import { type ComponentView, type ComponentViewPayload, viewSeam } from './componentView';
import { NinetailedConfigError } from './errors';
import { type Insights, insights } from './insights/insights';
import type { InsightsKind, InsightsPayload } from './insights/insightsEvent';
import type { Ninetailed } from './Ninetailed';
import { notifyPlugins } from './plugins';
import { uuid } from './uuid';

/** A view or a hover in progress: since when, its pending count, and its id once counted. */
interface Session {
  since: number;
  timer?: unknown;
  id?: string;
}

/** One watched element: what it shows, whether it is in the viewport, its view and hover. */
interface Watch {
  element: Element;
  payload: ComponentViewPayload;
  visible?: boolean;
  view?: Session;
  hover?: Session;
  off?: () => void;
}

/** The view tracker of one instance: its observer and the elements it watches. */
export interface ViewTracker {
  observe(element: Element, payload: ComponentViewPayload): () => void;
  unobserve(element: Element): void;
}

const trackers = new WeakMap<object, ViewTracker>();
/** The views already counted, per element (`experienceId|variantIndex|componentId`): kept across re-renders. */
const counted = new WeakMap<Element, Set<string>>();

/** What a click must land on (inside the watched element) to count: something clickable. */
const CLICKABLE =
  'a[href],button,input,select,textarea,summary,label,[role=button],[role=link],[tabindex],[data-nt-clickable]';

const noop = () => {};
const keyOf = ({ experienceId, variantIndex, componentId }: ComponentViewPayload) =>
  `${experienceId}|${variantIndex}|${componentId}`;

/**
 * The tracker of `ninetailed`, made on first use: one shared IntersectionObserver for all its
 * elements. `null` without IntersectionObserver (server, old browsers) or for something that is
 * not an instance.
 *
 * A view starts when the element enters the viewport (while the page is visible) and counts
 * after `componentViewTrackingThreshold` ms: plugins hear it once per element and variant
 * (`onComponentView`), a sticky experience's is sent to the Experience API, and Insights gets a
 * `component` event with a new `viewId` and `viewDurationMs` = the threshold, then the same
 * `viewId` with the whole duration when the view ends (the element leaves the viewport or is
 * unwatched, or the page is hidden). Hovers work the same way (`component_hover`, `hoverId`,
 * `hoverDurationMs`, `componentHoverTrackingThreshold`); a click on something clickable inside
 * the element sends a `component_click`. On page hide, Insights sends with `keepalive`.
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
  const [o, timers, report, pluginFailed, , , , env] = seam;
  const threshold = o.componentViewTrackingThreshold ?? 2000;
  let hoverThreshold = o.componentHoverTrackingThreshold ?? 2000;
  if (!(hoverThreshold >= 0 && hoverThreshold < 2 ** 31)) {
    report(
      new NinetailedConfigError(
        'componentHoverTrackingThreshold',
        'option "componentHoverTrackingThreshold" must be a number of milliseconds, 0 or more',
      ),
    );
    hoverThreshold = 2000;
  }
  const queue: Insights | null = insights(ninetailed);
  const watches = new Map<Element, Watch>();
  const hidden = () => env?.document?.visibilityState === 'hidden';

  /** Queues one Insights event about the component `watch` shows. */
  const tell = ({ payload }: Watch, event: InsightsKind) => {
    const { experienceId, variantIndex, componentId, componentType } = payload;
    queue?.add({ componentType, componentId, experienceId, variantIndex, ...event } as InsightsPayload);
  };
  /** Starts a session; after `ms` without an end it gets its id and `counted` runs. */
  const begin = (ms: number, counted: (id: string) => void): Session => {
    const session: Session = { since: timers.now() };
    session.timer = timers.setTimeout(() => {
      session.id = uuid();
      counted(session.id);
    }, ms);
    return session;
  };
  /** Ends the view and the hover (`hover`) of `watch`; a counted one tells its whole duration. */
  const end = (watch: Watch, hover?: boolean) => {
    const session = hover ? watch.hover : watch.view;
    if (!session) return;
    timers.clearTimeout(session.timer);
    if (hover) watch.hover = undefined;
    else watch.view = undefined;
    const ms = timers.now() - session.since;
    if (session.id) {
      tell(
        watch,
        hover
          ? { type: 'component_hover', hoverId: session.id, hoverDurationMs: ms }
          : { type: 'component', viewId: session.id, viewDurationMs: ms },
      );
    }
  };
  const start = (watch: Watch) => {
    if (!watch.visible || watch.view || hidden()) return;
    watch.view = begin(threshold, (viewId) => {
      const { element, payload } = watch;
      // Counted once visible for `threshold` ms without a break: that long, exactly.
      const view: ComponentView = { ...payload, viewId, viewDurationMs: threshold };
      tell(watch, { type: 'component', viewId, viewDurationMs: threshold });
      const key = keyOf(payload);
      if (counted.get(element)?.has(key)) return;
      counted.set(element, (counted.get(element) ?? new Set()).add(key));
      notifyPlugins(o.plugins, 'onComponentView', view, pluginFailed);
      // The instance's method: it never rejects (a failure goes to `onError`).
      if (payload.sticky) ninetailed.trackStickyComponentView(view as never);
    });
  };
  const observer = new Observer((entries) => {
    for (const { target, isIntersecting } of entries) {
      const watch = watches.get(target);
      if (!watch) continue;
      watch.visible = isIntersecting;
      if (isIntersecting) start(watch);
      else end(watch);
    }
  });
  if (queue) {
    // The page is hidden: views and hovers end (their durations are told), Insights sends with
    // keepalive; on unload its events are handed to the next page. Visible again: new views.
    const hide = (unload?: boolean) => {
      for (const watch of watches.values()) {
        end(watch);
        end(watch, true);
      }
      queue.send(true);
      if (unload) queue.release();
    };
    env?.window?.addEventListener('visibilitychange', () => (hidden() ? hide() : watches.forEach(start)));
    env?.window?.addEventListener('pagehide', () => hide(true));
  }
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
      const watch: Watch = { element, payload: { ...payload } };
      if (queue && element.addEventListener) {
        const listeners: Record<string, (event: Event) => void> = {
          click({ target }) {
            const hit = (target as Element | null)?.closest?.(CLICKABLE);
            if (hit && element.contains(hit) && !hit.matches(':disabled,[aria-disabled=true]')) {
              tell(watch, { type: 'component_click' });
            }
          },
          mouseenter() {
            watch.hover ??= begin(hoverThreshold, (hoverId) =>
              tell(watch, { type: 'component_hover', hoverId, hoverDurationMs: hoverThreshold }),
            );
          },
          mouseleave: () => end(watch, true),
        };
        for (const type in listeners) element.addEventListener(type, listeners[type]!);
        watch.off = () => {
          for (const type in listeners) element.removeEventListener(type, listeners[type]!);
        };
      }
      watches.set(element, watch);
      observer.observe(element);
      // Stops only the registration it made: a stale cleanup leaves a newer one alone.
      return () => void (watches.get(element) === watch && tracker!.unobserve(element));
    },
    unobserve(element) {
      const watch = watches.get(element);
      if (!watch) return;
      end(watch);
      end(watch, true);
      watch.off?.();
      watches.delete(element);
      observer.unobserve(element);
    },
  };
  trackers.set(ninetailed, tracker);
  return tracker;
}
