import { checkComponent } from './checkComponent';
import { type StickyComponentView, viewSeam } from './componentView';
import { NinetailedInputError } from './errors';
import type { Ninetailed } from './Ninetailed';
import type { FlushResult } from './types';

/**
 * Sends a `component` event: the visitor saw this variant of a sticky experience, so the
 * Experience API keeps it for them. `observeElement` calls it for counted views of sticky
 * experiences; call it yourself for views you count another way. It goes through the plugins,
 * consent and the durable outbox like any event of `ninetailed`. Bad input rejects with a
 * `NinetailedInputError` naming the field (and goes to `onError`); it never throws. A function,
 * not a method, so an app that sends only events does not carry it.
 *
 * @example
 * ```ts
 * import { trackStickyComponentView } from '@ninetailed/experience.js';
 * await trackStickyComponentView(ninetailed, {
 *   componentType: 'Entry', componentId: 'cta-bold', experienceId: 'cta-test', variantIndex: 1,
 * });
 * ```
 */
export function trackStickyComponentView(ninetailed: Ninetailed, view: StickyComponentView): Promise<void> {
  const submit = viewSeam(ninetailed)?.[4];
  return submit
    ? // The seam resolves v7's `FlushResult`; this function keeps its contract (rejects on failure).
      (
        submit('view', () => ({
          type: 'component',
          ...checkComponent(view),
        })) as Promise<unknown> as Promise<FlushResult>
      ).then((result) => {
        if (!result.success) throw result.error;
      })
    : Promise.reject(new NinetailedInputError('ninetailed', 'must be a Ninetailed instance'));
}
