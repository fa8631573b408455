'use client';
import type { Ninetailed, ProfileState } from '@ninetailed/experience.js';

// What the server renders and what the client renders while hydrating: the browser may
// already have a cached profile, but the HTML from the server cannot, so both sides start
// from "loading" and the client moves to its real state right after hydration. Unless a
// server fetched the profile for this page (the `initialProfile` option): then both sides
// start from that (`from: 'hydrated'`), as it was when the instance was made.
const SERVER_PROFILE_STATE: ProfileState = Object.freeze({
  status: 'loading',
  profile: null,
  experiences: null,
  changes: null,
  error: null,
  from: null,
});

const serverStates = new WeakMap<Ninetailed, ProfileState>();

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
    state = now.from === 'hydrated' ? now : SERVER_PROFILE_STATE;
    serverStates.set(ninetailed, state);
  }
  return state;
}
