import { type ComponentType, type ReactNode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import type { SdkConfig } from './benchSdk';

type Call = (...args: never[]) => Promise<unknown>;
type PageCall = () => Promise<unknown>;

/** The React binding under test: its provider and hooks, used through the same component code. */
export interface ReactBinding {
  Provider: ComponentType<{ children?: ReactNode }>;
  providerProps(config: SdkConfig): Record<string, unknown>;
  useNinetailed(): { page: PageCall; track: Call; identify: Call };
  useProfile(): { profile: { traits?: Record<string, unknown> } | null; status?: string; loading?: boolean };
}

/** Render counts and the workload, as `window.__react`. */
export interface ReactProbe {
  /** Renders of the component that only calls `useNinetailed()`, and of the one that calls `useProfile()`. */
  counts: { ninetailed: number; profile: number };
  resetCounts(): void;
  /** Resolves when `useProfile()` has a profile, or after `timeoutMs` (resolves `false`). */
  ready(timeoutMs: number): Promise<boolean>;
  /**
   * Sends `rounds` x `perRound` events through the functions `useNinetailed()` returned: each
   * round is `perRound - 1` `track()` calls and one `identify('', { round })` that changes the
   * profile; waits (up to 3 s) until the profile shows the round. Returns the rounds seen.
   */
  workload(rounds: number, perRound: number): Promise<number>;
}

declare global {
  interface Window {
    __react: ReactProbe;
  }
}

// The probes live at module level (a component made inside a function is a new type on every
// call); mountReactProbe sets the binding they use before the first render.
const state = {
  binding: null as ReactBinding | null,
  counts: { ninetailed: 0, profile: 0 },
  api: null as ReturnType<ReactBinding['useNinetailed']> | null,
  profile: null as ReturnType<ReactBinding['useProfile']>['profile'],
};

function NinetailedProbe() {
  state.api = state.binding!.useNinetailed();
  state.counts.ninetailed++;
  return null;
}

// The app's own page view on load, as the React docs show (not counted).
function PageView() {
  const { page } = state.binding!.useNinetailed();
  useEffect(() => {
    page().catch(() => {});
  }, [page]);
  return null;
}

function ProfileProbe() {
  state.profile = state.binding!.useProfile().profile;
  state.counts.profile++;
  return null;
}

/**
 * Mounts `<Provider><PageView /><NinetailedProbe /><ProfileProbe /></Provider>` (production
 * React, no StrictMode) and installs `window.__react`; `PageView` sends `page()` on mount. The probes are created once as the provider's
 * children, so they re-render only through the binding's context or subscription.
 *
 * @example
 * ```tsx
 * mountReactProbe({ Provider: NinetailedProvider, providerProps: (c) => ({ clientId: 'demo', ...c }),
 *   useNinetailed, useProfile });
 * ```
 */
export function mountReactProbe(binding: ReactBinding): void {
  const query = new URLSearchParams(location.search);
  const config: SdkConfig = {
    url: query.get('api') ?? 'http://127.0.0.1:3030',
    requestTimeout: Number(query.get('timeout') ?? 5000),
  };
  state.binding = binding;
  const { counts } = state;

  const until = async (check: () => boolean, timeoutMs: number) => {
    const end = performance.now() + timeoutMs;
    while (!check() && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
    return check();
  };

  window.__react = {
    counts,
    resetCounts() {
      counts.ninetailed = 0;
      counts.profile = 0;
    },
    ready: (timeoutMs) => until(() => state.profile !== null && state.api !== null, timeoutMs),
    async workload(rounds, perRound) {
      let seen = 0;
      const call = state.api as unknown as {
        track: (event: string, properties: object) => Promise<unknown>;
        identify: (uid: string, traits: object) => Promise<unknown>;
      };
      for (let round = 1; round <= rounds; round++) {
        for (let i = 1; i < perRound; i++) call.track('bench_event', { round, i }).catch(() => {});
        call.identify('', { round }).catch(() => {});
        if (await until(() => state.profile?.traits?.round === round, 3000)) seen++;
      }
      return seen;
    },
  };

  const { Provider } = binding;
  const root = document.createElement('div');
  document.body.append(root);
  createRoot(root).render(
    <Provider {...binding.providerProps(config)}>
      <PageView />
      <NinetailedProbe />
      <ProfileProbe />
    </Provider>,
  );
}
