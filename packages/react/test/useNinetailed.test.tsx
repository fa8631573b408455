import { act, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { type NinetailedApi, NinetailedProvider, useNinetailed } from '../src';
import { ApiUser, Buttons, type Counter, RecordApi, RerenderingApp } from './components';
import { FakeNinetailed, makeProfile, successState } from './fakeNinetailed';
import { expectErrorsLogged } from './helpers';

describe('useNinetailed', () => {
  it('returns the same object and functions on every render', () => {
    const fake = new FakeNinetailed();
    const seen: NinetailedApi[] = [];
    render(<RerenderingApp ninetailed={fake.asNinetailed} seen={seen} />);
    fireEvent.click(screen.getByRole('button'));
    fireEvent.click(screen.getByRole('button'));
    expect(screen.getByRole('button').textContent).toBe('rerender 2');
    expect(seen).toHaveLength(3);
    const [first, ...rest] = seen;
    for (const api of rest) {
      expect(api).toBe(first);
      expect(api.page).toBe(first?.page);
      expect(api.track).toBe(first?.track);
      expect(api.identify).toBe(first?.identify);
      expect(api.reset).toBe(first?.reset);
    }
    expect(first?.ninetailed).toBe(fake);
  });

  it('re-renders nothing when page, track, identify or reset are called', async () => {
    const fake = new FakeNinetailed();
    const counter: Counter = { renders: 0 };
    render(
      <NinetailedProvider ninetailed={fake.asNinetailed}>
        <Buttons counter={counter} />
      </NinetailedProvider>,
    );
    for (const name of ['page', 'track', 'identify', 'reset']) {
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name }));
      });
    }
    expect(counter.renders).toBe(1);
    expect(fake.calls).toEqual([
      ['page', { category: 'news' }],
      ['track', 'add_to_cart', { sku: 'A-1' }],
      ['identify', 'user-1', { plan: 'pro' }],
      ['reset'],
    ]);
  });

  it('passes flush, debug, consent and onProfileChange through, and reads profileState live', () => {
    const fake = new FakeNinetailed();
    const { result } = renderHook(() => useNinetailed(), {
      wrapper: ({ children }) => (
        <NinetailedProvider ninetailed={fake.asNinetailed}>{children}</NinetailedProvider>
      ),
    });
    const api = result.current;
    void api.flush();
    api.debug(true);
    api.consent(false);
    const seen: string[] = [];
    const off = api.onProfileChange((state) => seen.push(state.status));
    expect(api.profileState.status).toBe('loading');
    const state = successState(makeProfile());
    act(() => fake.publish(state));
    // A getter: the same (stable) object answers with the state of now.
    expect(api.profileState).toBe(state);
    off();
    expect(fake.calls).toEqual([['flush'], ['debug', true], ['consent', false]]);
    expect(seen).toEqual(['loading', 'success']);
    expect(fake.listenerCount).toBe(0);
  });

  it('does not re-render components that only use useNinetailed when the profile changes', () => {
    const fake = new FakeNinetailed();
    const counter: Counter = { renders: 0 };
    render(
      <NinetailedProvider ninetailed={fake.asNinetailed}>
        <ApiUser counter={counter} />
      </NinetailedProvider>,
    );
    act(() => fake.publish(successState(makeProfile())));
    expect(counter.renders).toBe(1);
  });

  it('keeps its identity under StrictMode', () => {
    const fake = new FakeNinetailed();
    const seen: NinetailedApi[] = [];
    const tree = (
      <StrictMode>
        <NinetailedProvider ninetailed={fake.asNinetailed}>
          <RecordApi seen={seen} />
        </NinetailedProvider>
      </StrictMode>
    );
    const { rerender } = render(tree);
    rerender(
      <StrictMode>
        <NinetailedProvider ninetailed={fake.asNinetailed}>
          <RecordApi seen={seen} />
        </NinetailedProvider>
      </StrictMode>,
    );
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(1);
  });

  it('throws a clear [ninetailed] error outside a provider', () => {
    const logged = expectErrorsLogged();
    expect(() => renderHook(() => useNinetailed())).toThrowError(
      /^\[ninetailed\] useNinetailed\(\) was called outside <NinetailedProvider>\. Wrap your app in <NinetailedProvider clientId=/,
    );
    logged.restore();
  });
});
