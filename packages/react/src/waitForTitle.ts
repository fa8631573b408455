'use client';

/** A page waiting for its title (see {@link waitForTitle}). */
export interface TitleWait {
  /** Stops waiting: `done` is not called, no observer, frame or timer is left behind. */
  cancel(): void;
  /**
   * The title the page was last seen with while waiting: `document.title` at the last change
   * of `<head>` since the wait began, or `''` when none came (what was there before belongs
   * to the previous page).
   */
  title(): string;
}

/** Options of {@link waitForTitle}. */
export interface WaitForTitleOptions {
  /** Longest wait in milliseconds (default 1000): a page without a title still counts. */
  timeout?: number;
  /**
   * `false` (default): done as soon as `document.title` is not empty, at once if it already
   * is. `true`: done once `<head>` has stayed unchanged for two animation frames and a task,
   * for head managers that replace a title that is still there after the route rendered.
   */
  settle?: boolean;
}

const frame = (callback: () => void) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(callback) : setTimeout(callback, 16);

/**
 * Calls `done` once the new page's `document.title` is in place, or after `timeout` ms.
 *
 * Routers differ in when the title arrives. The Next App Router removes the old `<title>` at
 * the route change and streams the new one in later (so: wait for a non-empty title). Gatsby's
 * Head API and react-helmet leave the old title in place and apply the new one after the
 * route rendered, from an effect or a frame (so, with `settle`: wait until `<head>` has been
 * quiet for two frames and a task, starting again on every change, as Gatsby's own gtag
 * plugin does). A hidden tab runs no frames: `timeout` bounds the wait either way.
 *
 * The globals are looked up at each call (not kept at import), so fake timers take hold.
 *
 * @example
 * ```ts
 * const wait = waitForTitle(() => console.log(document.title), { timeout: 1000 });
 * wait.cancel(); // left before it came
 * ```
 */
export function waitForTitle(done: () => void, options: WaitForTitleOptions = {}): TitleWait {
  const { timeout = 1000, settle = false } = options;
  let over = false;
  let seen = '';
  // Bumped by every change of <head>: a frame chain of an older generation does nothing.
  let generation = 0;
  const restart = () => {
    const mine = ++generation;
    const step = (next: () => void) => () => !over && mine === generation && next();
    frame(step(() => frame(step(() => setTimeout(step(finish), 0)))));
  };
  const observer = new MutationObserver(() => {
    seen = document.title;
    if (settle) restart();
    else if (seen) finish();
  });
  const timer = setTimeout(() => finish(), timeout);
  const cancel = () => {
    over = true;
    observer.disconnect();
    clearTimeout(timer);
  };
  function finish() {
    cancel();
    done();
  }
  if (!settle && document.title) finish();
  else {
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    if (settle) restart();
  }
  return { cancel, title: () => seen };
}
