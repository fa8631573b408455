import type { Ninetailed } from '@ninetailed/experience.js';
import { useState } from 'react';
import {
  type NinetailedApi,
  NinetailedProvider,
  type UseProfileResult,
  useNinetailed,
  useProfile,
} from '../src';

/** A render counter shared between a test and its components. */
export interface Counter {
  renders: number;
}

/** Pushes what `useNinetailed()` returns on every render. */
export function RecordApi({ seen }: { seen: NinetailedApi[] }) {
  seen.push(useNinetailed());
  return null;
}

/** Counts its renders; uses `useNinetailed()` only. */
export function ApiUser({ counter }: { counter: Counter }) {
  counter.renders += 1;
  useNinetailed();
  return null;
}

/** Pushes what `useProfile()` returns on every render, and shows status/audiences. */
export function RecordProfile({ seen = [], counter }: { seen?: UseProfileResult[]; counter?: Counter }) {
  const result = useProfile();
  seen.push(result);
  if (counter) counter.renders += 1;
  const text = result.loading ? 'loading' : `${result.status}:${result.profile?.audiences.join(',') ?? ''}`;
  return <output>{text}</output>;
}

/** Buttons that call page, track, identify and reset; counts its renders. */
export function Buttons({ counter }: { counter: Counter }) {
  counter.renders += 1;
  const { page, track, identify, reset } = useNinetailed();
  return (
    <>
      <button type="button" onClick={() => void page({ category: 'news' })}>
        page
      </button>
      <button type="button" onClick={() => void track('add_to_cart', { sku: 'A-1' })}>
        track
      </button>
      <button type="button" onClick={() => void identify('user-1', { plan: 'pro' })}>
        identify
      </button>
      <button type="button" onClick={() => void reset()}>
        reset
      </button>
    </>
  );
}

/**
 * A provider for `ninetailed` and a {@link RecordApi} consumer, all re-rendered (new elements,
 * new props) on each click of "rerender".
 */
export function RerenderingApp({ ninetailed, seen }: { ninetailed: Ninetailed; seen: NinetailedApi[] }) {
  const [n, setN] = useState(0);
  return (
    <NinetailedProvider ninetailed={ninetailed}>
      <button type="button" onClick={() => setN(n + 1)}>
        {`rerender ${n}`}
      </button>
      <RecordApi seen={seen} />
    </NinetailedProvider>
  );
}
