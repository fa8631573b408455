'use client';
import type { Reference } from '@ninetailed/experience.js';
import { useContext } from 'react';
import { type NinetailedApi, NinetailedContext } from './NinetailedContext';

/**
 * The Ninetailed calls for components: `page`, `track`, `identify`, `reset` (and `flush`,
 * `debug`, `consent`, `onProfileChange`, `profileState`, the `ninetailed` instance).
 * The object and its functions keep their identity across renders, and calling them
 * re-renders nothing. To render the profile, use `useProfile()`.
 *
 * The type arguments are v7's (`useNinetailed<Baseline, Variant>()`); they are accepted and
 * change nothing in the result.
 *
 * @throws Error (`[ninetailed] ...`) when used outside a `NinetailedProvider`.
 *
 * @example
 * ```tsx
 * import { useNinetailed } from '@ninetailed/experience.js-react';
 *
 * export const MyComponent = () => {
 *   const { track } = useNinetailed();
 *   return <button onClick={() => track('add_to_cart').catch(() => {})}>Add to Cart</button>;
 * };
 * ```
 */
export function useNinetailed<
  _TBaseline extends Reference = Reference,
  _TVariant extends Reference = Reference,
>(): NinetailedApi {
  const api = useContext(NinetailedContext);
  if (api === null) {
    throw new Error(
      '[ninetailed] useNinetailed() was called outside <NinetailedProvider>. ' +
        'Wrap your app in <NinetailedProvider clientId="YOUR_CLIENT_ID"> (or pass ninetailed={instance}) ' +
        'above every component that uses useNinetailed() or useProfile().',
    );
  }
  return api;
}
