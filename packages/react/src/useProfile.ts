'use client';
import type { ProfileState } from '@ninetailed/experience.js';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { serverProfileState } from './serverProfileState';
import { useNinetailed } from './useNinetailed';

/**
 * What `useProfile()` returns: the core's {@link ProfileState} plus `loading`.
 *
 * @example
 * ```tsx
 * const audiencesOf = (p: UseProfileResult) => p.profile?.audiences ?? [];
 * ```
 */
export type UseProfileResult = ProfileState & {
  /** `status === 'loading'`. */
  loading: boolean;
};

/**
 * The visitor's profile: `{ status, loading, profile, error }` (and `experiences`,
 * `changes`, `from`). Subscribes to the core's profile store with
 * `useSyncExternalStore`, so it re-renders only when the profile state really changes,
 * and renders `status: 'loading'` on the server and during hydration, or the profile the
 * server fetched for the page when the instance got one (`initialProfile`).
 *
 * @example
 * ```tsx
 * import { useProfile } from '@ninetailed/experience.js-react';
 *
 * export const Audiences = () => {
 *   const { loading, profile, error } = useProfile();
 *   if (loading) return <p>Loading…</p>;
 *   if (error) return <p>{error.message}</p>;
 *   return <ul>{profile?.audiences.map((a) => <li key={a}>{a}</li>)}</ul>;
 * };
 * ```
 */
export function useProfile(): UseProfileResult {
  const { ninetailed } = useNinetailed();
  const subscribe = useCallback(
    (onChange: () => void) => ninetailed.onProfileChange(() => onChange()),
    [ninetailed],
  );
  const getSnapshot = useCallback(() => ninetailed.profileState, [ninetailed]);
  const getServerSnapshot = useCallback(() => serverProfileState(ninetailed), [ninetailed]);
  const state = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  return useMemo(() => ({ ...state, loading: state.status === 'loading' }), [state]);
}
