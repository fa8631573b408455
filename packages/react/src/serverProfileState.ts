'use client';
import {
  EMPTY_PROFILE_STATE,
  type Ninetailed,
  type ProfileResponseData,
  type ProfileState,
} from '@ninetailed/experience.js';

// What the server renders and what the client renders while hydrating: the browser may
// already have a cached profile, but the HTML from the server cannot, so both sides start
// from "loading" and the client moves to its real state right after hydration. Unless a
// server fetched the profile for this page (the `initialProfile` option): then both sides
// start from that (`from: 'hydrated'`), as it was when the instance was made, whoever made the
// instance. Else the core's `EMPTY_PROFILE_STATE`.

const serverStates = new WeakMap<Ninetailed, ProfileState>();

// Whether the instance was made with a server-fetched `initialProfile`, by the provider or by
// the app (`new Ninetailed({ ..., initialProfile })`). The core reports both that profile and one
// restored from storage as `from: 'hydrated'` (v7's union), and only the first is what the
// server rendered. Read from the options the core keeps in its internal view seam (`views[0]`,
// which `observeElement` reads too): this package depends on that very core version.
const madeWithInitialProfile = (ninetailed: Ninetailed): boolean =>
  !!(ninetailed as unknown as { views?: [{ initialProfile?: ProfileResponseData | null }] }).views?.[0]
    ?.initialProfile?.profile?.id;

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
    const fromServer = typeof window === 'undefined' || madeWithInitialProfile(ninetailed);
    state = now.from === 'hydrated' && fromServer ? now : EMPTY_PROFILE_STATE;
    serverStates.set(ninetailed, state);
  }
  return state;
}
