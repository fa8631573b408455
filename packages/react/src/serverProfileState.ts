'use client';
import { EMPTY_PROFILE_STATE, type Ninetailed, type ProfileState } from '@ninetailed/experience.js';

// What the server renders and what the client renders while hydrating: the browser may
// already have a cached profile, but the HTML from the server cannot, so both sides start
// from "loading" and the client moves to its real state right after hydration. Unless a
// server fetched the profile for this page (the `initialProfile` option): then both sides
// start from that (`from: 'hydrated'`), as it was when the instance was made. Else the core's
// `EMPTY_PROFILE_STATE`.

const serverStates = new WeakMap<Ninetailed, ProfileState>();

// Instances made with a server-fetched `initialProfile` (the provider records the ones it makes).
// The core reports both that profile and one restored from storage as `from: 'hydrated'`
// (v7's union), and only the first is what the server rendered.
const withInitialProfile = new WeakSet<Ninetailed>();

/**
 * Records that `ninetailed` was made with a server-fetched `initialProfile`, so its first
 * state is what the server rendered.
 *
 * @example
 * ```ts
 * markInitialProfile(new Ninetailed({ clientId: 'demo', initialProfile }));
 * ```
 */
export function markInitialProfile(ninetailed: Ninetailed): void {
  withInitialProfile.add(ninetailed);
}

/**
 * The profile state the server rendered for this instance; recorded the first time it is asked (the
 * provider asks when it first renders, right after it made the instance): `useProfile()`'s
 * server snapshot.
 *
 * @example
 * ```ts
 * serverProfileState(new Ninetailed({ clientId: 'demo' })).status; // 'loading'
 * ```
 */
export function serverProfileState(ninetailed: Ninetailed): ProfileState {
  let state = serverStates.get(ninetailed);
  if (!state) {
    const now = ninetailed.profileState;
    // On the server nothing is restored from storage: a hydrated state is the server's profile.
    const fromServer = typeof window === 'undefined' || withInitialProfile.has(ninetailed);
    state = now.from === 'hydrated' && fromServer ? now : EMPTY_PROFILE_STATE;
    serverStates.set(ninetailed, state);
  }
  return state;
}
