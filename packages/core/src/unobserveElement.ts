import type { Ninetailed } from './Ninetailed';
import { viewHook } from './viewHook';
import { viewTracker } from './viewTracker';

/**
 * Stops watching `element` (see `observeElement`); a pending count is cancelled. Does nothing for
 * an element that is not watched; never throws.
 *
 * @example
 * ```ts
 * import { observeElement, unobserveElement } from '@ninetailed/experience.js';
 * observeElement(ninetailed, hero, { experienceId: 'news-hero', variantIndex: 1, componentId: 'hero-news', componentType: 'Entry' });
 * unobserveElement(ninetailed, hero);
 * ```
 */
export function unobserveElement(ninetailed: Ninetailed, element: Element): void {
  try {
    viewTracker(ninetailed)?.unobserve(element);
  } catch {}
}

// As in observeElement.ts: v7's method form calls it through the hook once an app imports it.
viewHook.unobserve = unobserveElement;
