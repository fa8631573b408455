/**
 * Calls `done` once `document.title` is not empty: at once if it already is, else on the first
 * change of `<head>` that gives it one, or after `timeout` ms. Returns a function that cancels.
 *
 * The App Router commits a client navigation before the new page's metadata has streamed in
 * (the old `<title>` is removed, the new one comes later), so reading the title right after
 * the route change would send an empty one.
 *
 * @example
 * ```ts
 * const cancel = waitForTitle(() => console.log(document.title), 1000);
 * ```
 */
export function waitForTitle(done: () => void, timeout: number): () => void {
  const observer = new MutationObserver(() => document.title && finish());
  // The global is looked up at each call (not kept at import), so fake timers take hold.
  const timer = setTimeout(() => finish(), timeout);
  const cancel = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  const finish = () => {
    cancel();
    done();
  };
  if (document.title) finish();
  else observer.observe(document.head, { childList: true, subtree: true, characterData: true });
  return cancel;
}
