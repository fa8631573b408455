import { type CookieDocument, readProfileCookie, writeProfileCookie } from './profileCookie';
import { type NinetailedStorage, readJson, writeJson } from './storage';
import type { Profile, ProfileResponseData, ProfileState } from './types';

/** Where the profile id is kept (v7's key). */
export const ANONYMOUS_ID_KEY = '__nt_anonymous_id__';

/**
 * The profile state before anything is known (v7's `loading` state, `from: 'api'`): what a new
 * instance starts from when nothing is cached, what `reset()` returns to, and what a server
 * renders. One frozen object, shared: compare with `===` or reuse it as a starting state.
 *
 * @example
 * ```ts
 * import { EMPTY_PROFILE_STATE } from '@ninetailed/experience.js';
 * let state: ProfileState = EMPTY_PROFILE_STATE;
 * ninetailed.onProfileChange((next) => (state = next));
 * ```
 */
export const EMPTY_PROFILE_STATE: Readonly<Extract<ProfileState, { status: 'loading' }>> = Object.freeze({
  status: 'loading',
  profile: null,
  experiences: null,
  changes: null,
  error: null,
  from: 'api',
});
const EMPTY: ProfileState = EMPTY_PROFILE_STATE;

/**
 * v7-compatible storage keys (JSON-encoded values) of the id, profile, experiences and changes,
 * so visitors keep their profile across the upgrade.
 */
const KEYS = [ANONYMOUS_ID_KEY, '__nt_profile__', '__nt_experiences__', '__nt_changes__'];

type Listener = (state: ProfileState) => void;

/** A success state; lists that are not arrays (absent, corrupt) become `[]`. */
const cached = (
  profile: Profile,
  experiences: unknown,
  changes: unknown,
  from: ProfileState['from'],
): ProfileState => ({
  ...EMPTY,
  status: 'success',
  profile,
  experiences: Array.isArray(experiences) ? experiences : [],
  changes: Array.isArray(changes) ? changes : [],
  from,
});

/**
 * Holds the profile id and the profile state: publishes real changes only, and caches the last
 * profile so a reload starts from it (`from: 'hydrated'`, v7's name). A profile the server fetched for this
 * page (`initial`) is the first state (`from: 'hydrated'`); its id is adopted when the browser
 * has none (or the same), so the browser's events reach the profile the server used.
 */
export interface ProfileStore {
  readonly state: ProfileState;
  /** The stored profile id, read each time so the tabs of one site converge. */
  readonly id: string | undefined;
  /** Adopts a response: its profile id, cache and state. */
  accept(data: ProfileResponseData): void;
  /** A failed request: `error` status, the last profile stays. */
  fail(error: Error): void;
  /** Forgets the id only (the API no longer knows it). */
  forgetId(): void;
  /** Forgets id and cache: the next event starts a new anonymous profile. */
  clear(): void;
  /** Calls `listener` now and after every real change; returns the unsubscribe. */
  subscribe(listener: Listener): () => void;
  /** Takes up the cached profile when it belongs to the stored id (at start, and when another tab wrote it). */
  load(): void;
}

/**
 * A profile store over a storage seam. `initial`: the server's answer for this page.
 * `document`: where the id is mirrored in the `ntaid` cookie (none: no cookie); with no stored
 * id and no `initial`, a plausible id in that cookie is adopted (a server created the profile).
 *
 * @example
 * ```ts
 * const store = createProfileStore(memoryStorage(), console.error);
 * store.subscribe((state) => console.log(state.status)); // 'loading'
 * ```
 */
export function createProfileStore(
  storage: NinetailedStorage,
  report: (error: unknown) => void,
  initial?: ProfileResponseData | null,
  document?: CookieDocument,
): ProfileStore {
  let state = EMPTY;
  const listeners = new Set<Listener>();
  const call = (listener: Listener) => {
    try {
      listener(state);
    } catch (error) {
      report(error);
    }
  };
  const set = (next: ProfileState) => {
    // Equal content keeps the old object, so `useSyncExternalStore` and friends see no change.
    if (
      state.error === next.error &&
      JSON.stringify({ ...state, error: 0 }) === JSON.stringify({ ...next, error: 0 })
    ) {
      return;
    }
    state = next;
    for (const listener of [...listeners]) call(listener);
  };
  const store: ProfileStore = {
    get state() {
      return state;
    },
    get id() {
      const raw = storage.getItem(ANONYMOUS_ID_KEY);
      if (!raw) return undefined;
      try {
        const id = JSON.parse(raw);
        return typeof id === 'string' && id ? id : undefined;
      } catch {
        // A raw (not JSON-encoded) id, as written by hand or by other tools.
        return raw;
      }
    },
    accept({ profile, experiences, changes }) {
      const next = cached(profile, experiences, changes, 'api');
      [profile.id, profile, next.experiences, next.changes].forEach((value, i) => {
        writeJson(storage, KEYS[i]!, value);
      });
      // The cookie follows the id (a merge changes it), and keeps two years from the last answer.
      if (document) writeProfileCookie(document, profile.id);
      set(next);
    },
    fail: (error) => set({ ...state, status: 'error', error } as ProfileState),
    forgetId: () => storage.removeItem(ANONYMOUS_ID_KEY),
    clear() {
      for (const key of KEYS) storage.removeItem(key);
      if (document) writeProfileCookie(document);
      set(EMPTY);
    },
    subscribe(listener) {
      listeners.add(listener);
      call(listener);
      return () => void listeners.delete(listener);
    },
    load() {
      const [, profile, experiences, changes] = KEYS.map((key) => readJson(storage, key)) as [
        unknown,
        Profile?,
        ...unknown[],
      ];
      const id = store.id;
      // The profile this tab already shows keeps its `from`: an unrelated write changes nothing.
      if (id && profile?.id === id)
        set(cached(profile, experiences, changes, state.profile?.id === id ? state.from : 'hydrated'));
    },
  };
  const server = initial?.profile?.id ? initial : null;
  // A stored id wins (the browser's profile has the visitor's history); else the profile the
  // server made for this page, else one a server put in the cookie.
  const id = store.id || (server ? server.profile.id : document && readProfileCookie(document));
  if (id) writeJson(storage, ANONYMOUS_ID_KEY, id);
  store.load();
  // The server's answer is fresher than a cache of the same profile; for another profile it is
  // still what the page was rendered with, until the first answer.
  if (server) state = cached(server.profile, server.experiences, server.changes, 'hydrated');
  return store;
}
