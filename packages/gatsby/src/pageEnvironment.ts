/**
 * The browser touches of the page tracker (frames, timers, `<head>` changes), behind a seam
 * so unit tests drive them deterministically. The defaults read the globals at call time,
 * so fake timers installed after import still take hold.
 *
 * @example
 * const env = browserPageEnvironment();
 * env.requestAnimationFrame(() => console.log('next frame'));
 */
export interface PageEnvironment {
  requestAnimationFrame(callback: () => void): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Calls `onChange` on every change below `<head>`; returns a function that stops. */
  observeHead(onChange: () => void): () => void;
}

/**
 * The default {@link PageEnvironment}: `requestAnimationFrame` (or a 16 ms timer where there
 * is none), `setTimeout`, and a `MutationObserver` on `document.head`.
 *
 * @example
 * createPageTracker({ send, environment: browserPageEnvironment() });
 */
export function browserPageEnvironment(): PageEnvironment {
  return {
    requestAnimationFrame(callback) {
      if (typeof globalThis.requestAnimationFrame === 'function') globalThis.requestAnimationFrame(callback);
      else globalThis.setTimeout(callback, 16);
    },
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    observeHead(onChange) {
      if (typeof MutationObserver === 'undefined' || typeof document === 'undefined' || !document.head) {
        return () => {};
      }
      const observer = new MutationObserver(() => onChange());
      observer.observe(document.head, { childList: true, subtree: true, characterData: true });
      return () => observer.disconnect();
    },
  };
}
