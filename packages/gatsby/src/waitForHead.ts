import type { PageEnvironment } from './pageEnvironment';

/** A page event waiting for its `<head>`; `flush()` sends it now (once). */
export interface PendingPage {
  flush(): void;
}

/**
 * Calls `onSettled` once the new page's `<head>` (its `<title>`) is in place.
 *
 * Why not at once: Gatsby calls `onRouteUpdate` while React commits the new page, but the
 * Head API applies the new `<title>` later (an effect renders `Head` into a second React
 * root, then copies it into `<head>`). So: wait two animation frames and a task (as
 * Gatsby's own gtag plugin does), and start that wait again whenever `<head>` changes
 * meanwhile, so a late Head render is still caught. `maxWaitMs` bounds the wait (a hidden
 * tab runs no animation frames).
 *
 * @example
 * const pending = waitForHead(browserPageEnvironment(), () => ninetailed.page().catch(() => {}));
 * pending.flush(); // send now instead (at most once either way)
 */
export function waitForHead(
  environment: PageEnvironment,
  onSettled: () => void,
  maxWaitMs = 1000,
): PendingPage {
  let settled = false;
  let generation = 0;
  const settle = () => {
    if (settled) return;
    settled = true;
    stopObserving();
    environment.clearTimeout(deadline);
    onSettled();
  };
  const restart = () => {
    if (settled) return;
    generation += 1;
    const mine = generation;
    environment.requestAnimationFrame(() =>
      environment.requestAnimationFrame(() =>
        environment.setTimeout(() => {
          if (mine === generation) settle();
        }, 0),
      ),
    );
  };
  const stopObserving = environment.observeHead(restart);
  const deadline = environment.setTimeout(settle, maxWaitMs);
  restart();
  return { flush: settle };
}
