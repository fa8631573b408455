'use client';
import type { Ninetailed, ProfileState } from '@ninetailed/experience.js';
import { createContext } from 'react';
import { serverProfileState } from './serverProfileState';

/**
 * What `useNinetailed()` returns: the instance's calls as stable functions, and the
 * instance itself. One object per instance, so its identity (and every function in it)
 * stays the same across renders; calling a function re-renders nothing.
 *
 * @example
 * ```tsx
 * import type { NinetailedApi } from '@ninetailed/experience.js-react';
 * const addToCart = (api: NinetailedApi) => api.track('add_to_cart', { sku: 'A-1' });
 * ```
 */
export interface NinetailedApi
  extends Pick<
    Ninetailed,
    | 'page'
    | 'track'
    | 'identify'
    | 'batch'
    | 'reset'
    | 'flush'
    | 'debug'
    | 'consent'
    | 'onProfileChange'
    | 'onChangesChange'
    | 'onIsInitialized'
    | 'observeElement'
    | 'unobserveElement'
    | 'trackComponentView'
    | 'trackStickyComponentView'
    | 'plugins'
    | 'logger'
  > {
  /**
   * The profile state right now. Reading it does not subscribe: to re-render when the
   * profile changes, use `useProfile()`.
   */
  readonly profileState: ProfileState;
  /** The underlying core instance. */
  readonly ninetailed: Ninetailed;
}

/** The instance's methods that the {@link NinetailedApi} forwards. */
const FORWARDED = [
  'page',
  'track',
  'identify',
  'batch',
  'reset',
  'flush',
  'debug',
  'consent',
  'onProfileChange',
  'onChangesChange',
  'onIsInitialized',
  'observeElement',
  'unobserveElement',
  'trackComponentView',
  'trackStickyComponentView',
] as const satisfies readonly (keyof NinetailedApi)[];

/**
 * Builds the stable {@link NinetailedApi} for one instance. The provider calls it once per
 * instance; exported for bindings (Next, Gatsby) that provide the context themselves.
 *
 * @example
 * ```ts
 * import { Ninetailed, createNinetailedApi } from '@ninetailed/experience.js-react';
 * const api = createNinetailedApi(new Ninetailed({ clientId: 'demo' }));
 * api.track('signup');
 * ```
 */
export function createNinetailedApi(ninetailed: Ninetailed): NinetailedApi {
  // Records what the server rendered (a server-fetched profile), before any answer can arrive.
  serverProfileState(ninetailed);
  const n = ninetailed;
  const api = {
    get plugins() {
      return n.plugins;
    },
    get logger() {
      return n.logger;
    },
    get profileState() {
      return n.profileState;
    },
    ninetailed,
  } as Record<string, unknown>;
  // Forwarders read the instance at call time: stable identities, and `this` never lost.
  for (const name of FORWARDED)
    api[name] = (...args: never[]) => (n[name] as (...a: never[]) => unknown)(...args);
  return api as unknown as NinetailedApi;
}

/**
 * The React context that carries the {@link NinetailedApi}; `null` outside a
 * `NinetailedProvider`. Prefer `useNinetailed()` / `useProfile()` over reading it directly.
 *
 * @example
 * ```tsx
 * import { useContext } from 'react';
 * import { NinetailedContext } from '@ninetailed/experience.js-react';
 * const hasProvider = () => useContext(NinetailedContext) !== null;
 * ```
 */
export const NinetailedContext = createContext<NinetailedApi | null>(null);
NinetailedContext.displayName = 'NinetailedContext';
