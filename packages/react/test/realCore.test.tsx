import { memoryStorage, Ninetailed, type ProfileResponseData } from '@ninetailed/experience.js';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NinetailedProvider } from '../src';
import { Buttons, type Counter, RecordProfile } from './components';
import { makeProfile } from './fakeNinetailed';
import { fetchDouble } from './helpers';

const URL = 'http://127.0.0.1:9';
const PROFILES = `${URL}/v2/organizations/demo/environments/main/profiles`;

function answer(
  audiences: string[],
  traits: Record<string, unknown> = {},
  id = 'p-1',
): { data: ProfileResponseData; message: string; error: null } {
  return {
    data: { profile: makeProfile({ id, audiences, traits }), experiences: [], changes: [] },
    message: 'ok',
    error: null,
  };
}

describe('with the real core', () => {
  it('sends what the hooks call and re-renders the profile once per real change', async () => {
    const io = fetchDouble([
      {
        url: PROFILES,
        check: ({ events }) => {
          expect(events).toHaveLength(1);
          expect(events[0]).toMatchObject({ type: 'page', properties: { category: 'news' } });
        },
        answer: answer([]),
      },
      {
        url: `${PROFILES}/p-1`,
        check: ({ events }) => {
          expect(events).toMatchObject([{ type: 'track', event: 'add_to_cart', properties: { sku: 'A-1' } }]);
        },
        answer: answer(['cart-adders']),
      },
      {
        url: `${PROFILES}/p-1`,
        check: ({ events }) => {
          expect(events).toMatchObject([{ type: 'identify', userId: 'user-1', traits: { plan: 'pro' } }]);
        },
        answer: answer(['cart-adders'], { plan: 'pro' }),
      },
      {
        // After reset: no profile id in the path, a new profile.
        url: PROFILES,
        check: ({ events }) => {
          expect(events).toMatchObject([{ type: 'page' }]);
        },
        answer: answer([], {}, 'p-2'),
      },
    ]);
    const buttons: Counter = { renders: 0 };
    const inspector: Counter = { renders: 0 };
    const { unmount } = render(
      <NinetailedProvider clientId="demo" url={URL} fetch={io.fetch} storage={memoryStorage()}>
        <Buttons counter={buttons} />
        <RecordProfile counter={inspector} />
      </NinetailedProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('loading');

    fireEvent.click(screen.getByRole('button', { name: 'page' }));
    await screen.findByText('success:');
    fireEvent.click(screen.getByRole('button', { name: 'track' }));
    await screen.findByText('success:cart-adders');
    const before = inspector.renders;
    fireEvent.click(screen.getByRole('button', { name: 'identify' }));
    // The traits changed (same audiences): one more render.
    await waitFor(() => expect(inspector.renders).toBe(before + 1));
    expect(screen.getByRole('status').textContent).toBe('success:cart-adders');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'reset' }));
    });
    expect(screen.getByRole('status').textContent).toBe('loading');
    fireEvent.click(screen.getByRole('button', { name: 'page' }));
    await screen.findByText('success:');

    expect(buttons.renders).toBe(1);
    // loading, success, +cart-adders, +traits, loading (reset), success (new profile)
    expect(inspector.renders).toBe(6);
    io.verify();
    unmount();
  });

  it('does not re-render useProfile when an answer repeats the same profile (a new, equal object)', async () => {
    const io = fetchDouble([
      { url: PROFILES, answer: answer(['news-readers']) },
      { url: `${PROFILES}/p-1`, answer: answer(['news-readers']) },
      { url: `${PROFILES}/p-1`, answer: answer(['news-readers', 'cart-adders']) },
    ]);
    const ninetailed = new Ninetailed({
      clientId: 'demo',
      url: URL,
      fetch: io.fetch,
      storage: memoryStorage(),
    });
    const inspector: Counter = { renders: 0 };
    render(
      <NinetailedProvider ninetailed={ninetailed}>
        <RecordProfile counter={inspector} />
      </NinetailedProvider>,
    );
    // Each call resolves once the API accepted its event and the answer was applied.
    await act(() => ninetailed.page());
    expect(inspector.renders).toBe(2);
    await act(() => ninetailed.track('viewed'));
    expect(inspector.renders).toBe(2);
    await act(() => ninetailed.track('add_to_cart'));
    expect(inspector.renders).toBe(3);
    expect(screen.getByRole('status').textContent).toBe('success:news-readers,cart-adders');
    io.verify();
  });
});
