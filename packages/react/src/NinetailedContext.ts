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
export interface NinetailedApi {
  /** Send a `page` event; page fields are read from the current location at call time. */
  page: Ninetailed['page'];
  /** Send a `track` event. */
  track: Ninetailed['track'];
  /** Send an `identify` event (alias and/or traits). Do not use an email address as the alias. */
  identify: Ninetailed['identify'];
  /** Forget the visitor (id and cached profile) and start a fresh anonymous profile. */
  reset: Ninetailed['reset'];
  /** Resolves when no event is pending. */
  flush: Ninetailed['flush'];
  /** Turn debug logging on or off. */
  debug: Ninetailed['debug'];
  /** Give or withdraw consent. */
  consent: Ninetailed['consent'];
  /** Subscribe to profile changes outside React (calls `cb` now, returns unsubscribe). */
  onProfileChange: Ninetailed['onProfileChange'];
  /**
   * The profile state right now. Reading it does not subscribe: to re-render when the
   * profile changes, use `useProfile()`.
   */
  readonly profileState: ProfileState;
  /** The underlying core instance. */
  readonly ninetailed: Ninetailed;
}

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
  return {
    page: (properties) => ninetailed.page(properties),
    track: (event, properties) => ninetailed.track(event, properties),
    identify: (uid, traits) => ninetailed.identify(uid, traits),
    reset: () => ninetailed.reset(),
    flush: () => ninetailed.flush(),
    debug: (enabled) => ninetailed.debug(enabled),
    consent: (given) => ninetailed.consent(given),
    onProfileChange: (cb) => ninetailed.onProfileChange(cb),
    get profileState() {
      return ninetailed.profileState;
    },
    ninetailed,
  };
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
