/**
 * The timers seam: clock and timeouts. The defaults look up `globalThis` on every call, so
 * fake timers installed after construction (vitest, sinon) still take hold.
 *
 * @example
 * ```ts
 * const timers: NinetailedTimers = {
 *   now: () => Date.now(),
 *   setTimeout: (fn, ms) => setTimeout(fn, ms),
 *   clearTimeout: (id) => clearTimeout(id as number),
 * };
 * new Ninetailed({ clientId: 'demo', timers });
 * ```
 */
export interface NinetailedTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/** Timers that defer to `globalThis` at call time. */
export const defaultTimers: NinetailedTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};
