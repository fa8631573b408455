import type { ComponentViewPayload } from './componentView';
import type { Ninetailed } from './Ninetailed';
import { viewHook } from './viewHook';
import { viewTracker } from './viewTracker';

/**
 * Watches `element` (the rendered variant of a component) with the instance's one shared
 * IntersectionObserver. Once it has stayed visible for `componentViewTrackingThreshold` ms
 * (default 2000) the view counts, once per element and variant: plugins hear it
 * (`onComponentView`), and a view of a sticky experience is sent to the Experience API
 * (`trackStickyComponentView`). Leaving the viewport before the threshold cancels the count.
 * Views, clicks (on something clickable inside it) and hovers (after
 * `componentHoverTrackingThreshold`) also go to Insights, unless `insights: false`: each view
 * with its `viewId` and `viewDurationMs` (the threshold, then the whole duration when it ends).
 * Watching an element again replaces its payload. Returns the function that stops watching.
 * Without IntersectionObserver (server rendering, old browsers) it does nothing; bad input goes
 * to `onError`; it never throws. Import it only where views are tracked: an app that does not
 * pays nothing for it.
 *
 * @example
 * ```ts
 * import { observeElement } from '@ninetailed/experience.js';
 * const stop = observeElement(ninetailed, document.querySelector('#cta')!, {
 *   experienceId: 'cta-test', variantIndex: 1, componentId: 'cta-bold', componentType: 'Entry', sticky: true,
 * });
 * // later
 * stop();
 * ```
 */
export function observeElement(
  ninetailed: Ninetailed,
  element: Element,
  payload: ComponentViewPayload,
): () => void {
  try {
    return viewTracker(ninetailed)?.observe(element, payload) ?? (() => {});
  } catch {
    // A hostile element or observer: tracking views must never break the page.
    return () => {};
  }
}

// Kept with this module (an app that imports the function): v7's method form
// `ninetailed.observeElement` calls it through the hook. In this module, not in a re-exporting
// one: the package is side-effect free, so a module whose only code is this line would be dropped.
viewHook.observe = observeElement;
