'use client';
import type { AllowedVariableType } from '@ninetailed/experience.js';
import { useMemo } from 'react';
import { useProfile } from './useProfile';

/**
 * What `useFlag()` returns (v7's shape): the value and where it came from.
 *
 * @example
 * ```ts
 * const color = (flag: FlagResult<string>) => (flag.status === 'success' ? flag.value : 'blue');
 * ```
 */
export type FlagResult<T> =
  | { status: 'loading'; value: T; error: null }
  | { status: 'success'; value: T; error: null }
  | { status: 'error'; value: T; error: Error };

/**
 * Options of `useFlag()` (v7's). `shouldAutoTrack` is accepted for compatibility; flag views
 * are not sent yet (they belong to the Insights work).
 *
 * @example
 * ```ts
 * const options: UseFlagOptions = { shouldAutoTrack: false };
 * ```
 */
export type UseFlagOptions = {
  shouldAutoTrack?: boolean | (() => boolean);
};

/**
 * The value of an inline variable (`InlineVariable` component, key `flagKey`) for this
 * visitor, from the `changes` the Experience API answered. `loading` (and `defaultValue`)
 * while no profile is known, also on the server; `success` with the change's value, or with
 * `defaultValue` when no experience of the visitor changes it or the value has another type
 * than `defaultValue`; `error` (and `defaultValue`) when no profile could be had.
 *
 * @example
 * ```tsx
 * import { useFlag } from '@ninetailed/experience.js-react';
 *
 * export const Cta = () => {
 *   const { value: color } = useFlag('cta-color', 'blue');
 *   return <button type="button" style={{ background: color }}>Sign up</button>;
 * };
 * ```
 */
export function useFlag<T extends AllowedVariableType>(
  flagKey: string,
  defaultValue: T,
  _options?: UseFlagOptions,
): FlagResult<T> {
  const { changes, error } = useProfile();
  return useMemo((): FlagResult<T> => {
    if (changes === null) {
      return error
        ? { status: 'error', value: defaultValue, error }
        : { status: 'loading', value: defaultValue, error: null };
    }
    const change = changes.find((c) => c.type === 'Variable' && c.key === flagKey);
    const value =
      change && change.value !== null && typeof change.value === typeof defaultValue
        ? (change.value as T)
        : defaultValue;
    return { status: 'success', value, error: null };
  }, [changes, error, flagKey, defaultValue]);
}
