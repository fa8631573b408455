import { act, render, renderHook, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { NinetailedProvider, type UseProfileResult, useProfile } from '../src';
import { RecordProfile } from './components';
import { FakeNinetailed, makeProfile, successState } from './fakeNinetailed';
import { expectErrorsLogged } from './helpers';

function setup() {
  const fake = new FakeNinetailed();
  const seen: UseProfileResult[] = [];
  render(
    <NinetailedProvider ninetailed={fake.asNinetailed}>
      <RecordProfile seen={seen} />
    </NinetailedProvider>,
  );
  return { fake, seen };
}

describe('useProfile', () => {
  it('starts loading, then renders the profile the store publishes', () => {
    const { fake, seen } = setup();
    expect(screen.getByRole('status').textContent).toBe('loading');
    expect(seen[0]).toEqual({
      status: 'loading',
      loading: true,
      profile: null,
      experiences: null,
      changes: null,
      error: null,
      from: 'api',
    });
    const profile = makeProfile({ audiences: ['news-readers', 'cart-adders'] });
    act(() => fake.publish(successState(profile)));
    expect(screen.getByRole('status').textContent).toBe('success:news-readers,cart-adders');
    expect(seen.at(-1)).toMatchObject({ status: 'success', loading: false, profile, error: null });
  });

  it('re-renders once per real change and not for a re-announced state', () => {
    const { fake, seen } = setup();
    expect(seen).toHaveLength(1);
    const state = successState(makeProfile());
    act(() => fake.publish(state));
    expect(seen).toHaveLength(2);
    act(() => fake.renotify());
    act(() => fake.publish(state));
    expect(seen).toHaveLength(2);
    act(() => fake.publish(successState(makeProfile({ audiences: ['returning'] }))));
    expect(seen).toHaveLength(3);
  });

  it('returns the same object while the state is the same', () => {
    const fake = new FakeNinetailed();
    const { result, rerender } = renderHook(() => useProfile(), {
      wrapper: ({ children }) => (
        <NinetailedProvider ninetailed={fake.asNinetailed}>{children}</NinetailedProvider>
      ),
    });
    act(() => fake.publish(successState(makeProfile())));
    const before = result.current;
    rerender();
    rerender();
    expect(result.current).toBe(before);
    expect(before).toMatchObject({ status: 'success', loading: false });
  });

  it('reports errors with loading false', () => {
    const fake = new FakeNinetailed();
    const error = new Error('[ninetailed] boom');
    const { result } = renderHook(() => useProfile(), {
      wrapper: ({ children }) => (
        <NinetailedProvider ninetailed={fake.asNinetailed}>{children}</NinetailedProvider>
      ),
    });
    act(() =>
      fake.publish({ status: 'error', profile: null, experiences: null, changes: null, error, from: 'api' }),
    );
    expect(result.current).toMatchObject({ status: 'error', loading: false, profile: null, error });
  });

  it('unsubscribes on unmount (also after StrictMode double effects)', () => {
    const fake = new FakeNinetailed();
    const { unmount } = render(
      <StrictMode>
        <NinetailedProvider ninetailed={fake.asNinetailed}>
          <RecordProfile />
          <RecordProfile />
        </NinetailedProvider>
      </StrictMode>,
    );
    expect(fake.listenerCount).toBe(2);
    unmount();
    expect(fake.listenerCount).toBe(0);
  });

  it('throws the [ninetailed] provider error outside a provider', () => {
    const logged = expectErrorsLogged();
    expect(() => renderHook(() => useProfile())).toThrowError(
      /^\[ninetailed\] .*outside <NinetailedProvider>/,
    );
    logged.restore();
  });
});
