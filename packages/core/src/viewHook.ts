import type { ComponentViewPayload } from './componentView';
import type { Ninetailed } from './Ninetailed';

/**
 * Where the view tracking functions register once an app imports them (at the end of `observeElement.ts`, `unobserveElement.ts`):
 * v7's methods `ninetailed.observeElement`/`unobserveElement` call them through it, so an
 * events-only bundle, which never imports them, carries none of their code.
 *
 * @example
 * ```ts
 * viewHook.observe?.(ninetailed, element, payload); // internal
 * ```
 */
export const viewHook: {
  observe?: (ninetailed: Ninetailed, element: Element, payload: ComponentViewPayload) => unknown;
  unobserve?: (ninetailed: Ninetailed, element: Element) => void;
} = {};
