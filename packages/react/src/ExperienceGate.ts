'use client';
import { NinetailedError } from '@ninetailed/experience.js';
import { createContext } from 'react';

/**
 * The shared "how long may a component with variants stay invisible" timer of one provider.
 * The first `<Experience>` that waits for an unknown profile starts it; when it fires and the
 * profile is still unknown, every waiting `<Experience>` shows its baseline and the reason is
 * reported once (the provider's `onError`).
 *
 * @example
 * ```ts
 * const gate = createExperienceGate(5000, (error) => console.warn(error.message));
 * gate.wait(() => true);
 * gate.subscribe(() => console.log(gate.timedOut())); // true after 5 s
 * ```
 */
export interface ExperienceGate {
  /** Whether the timeout passed with the profile still unknown. */
  timedOut(): boolean;
  /** Calls `listener` when `timedOut()` changes; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Starts the timer unless it runs or already fired; `unknown()` is asked when it fires. */
  wait(unknown: () => boolean): void;
  /** Stops a running timer (the provider unmounts). */
  dispose(): void;
}

/**
 * Makes the gate of one provider: `timeout` milliseconds, `report` hears why the baselines show.
 *
 * @example
 * ```ts
 * const gate = createExperienceGate(3000, (error) => reportToSentry(error));
 * ```
 */
export function createExperienceGate(timeout: number, report: (error: Error) => void): ExperienceGate {
  let fired = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<() => void>();
  return {
    timedOut: () => fired,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    wait(unknown) {
      if (fired || timer !== undefined) return;
      // Looked up at call time, so fake timers in tests take hold.
      timer = setTimeout(() => {
        timer = undefined;
        if (!unknown()) return;
        fired = true;
        for (const listener of [...listeners]) listener();
        try {
          report(
            new NinetailedError(
              'ERR_EXPERIENCE_TIMEOUT',
              `no profile after ${timeout} ms (experienceTimeout): <Experience> shows the baseline`,
            ),
          );
        } catch {}
      }, timeout);
    },
    dispose() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** The gate used outside a `NinetailedProvider` that made one (5000 ms, reports nowhere). */
export const defaultExperienceGate = createExperienceGate(5000, () => {});

/**
 * Carries the provider's {@link ExperienceGate} to `<Experience>`; `null` means the default.
 *
 * @example
 * ```tsx
 * <ExperienceGateContext.Provider value={createExperienceGate(3000, console.warn)}>
 *   <App />
 * </ExperienceGateContext.Provider>
 * ```
 */
export const ExperienceGateContext = createContext<ExperienceGate | null>(null);
