import { act } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NinetailedProvider, type RouteChange } from '../src';
import { FakeNinetailed } from './fakeNinetailed';
import { becomeReady, navigate, renderInRouter as render, setTitle, startAt } from './nextMocks';

vi.mock('next/navigation', async () => (await import('./nextMocks')).navigationMock);
vi.mock('next/compat/router', async () => (await import('./nextMocks')).compatRouterMock);

let fake: FakeNinetailed;
beforeEach(() => {
  fake = new FakeNinetailed();
});

describe('Pages Router: one page event per navigation', () => {
  it('sends the first load once (StrictMode too), then each path and query change once', () => {
    startAt('pages', '/legacy', 'Legacy');
    render(
      <NinetailedProvider ninetailed={fake.asNinetailed}>
        <main>page</main>
      </NinetailedProvider>,
      { reactStrictMode: true },
    );
    navigate('/legacy/1', 'Item 1');
    navigate('/legacy/1?tab=specs', 'Item 1');
    navigate('/legacy/1?tab=specs', 'Item 1', 'replace');
    navigate('/legacy/1?tab=specs#top', 'Item 1');
    act(() => window.history.back());
    navigate('/legacy/1?tab=specs', 'Item 1', 'replace');
    act(() => window.history.back());
    navigate('/legacy/1', 'Item 1', 'replace');
    expect(fake.seen).toEqual([
      '/legacy Legacy',
      '/legacy/1 Item 1',
      '/legacy/1?tab=specs Item 1',
      '/legacy/1 Item 1',
    ]);
  });

  it('waits until the router is ready (a statically optimized page has no query before that)', () => {
    startAt('pages', '/legacy/[id]?id=7', '', false);
    window.history.replaceState(null, '', '/legacy/7');
    render(
      <NinetailedProvider ninetailed={fake.asNinetailed}>
        <main>page</main>
      </NinetailedProvider>,
    );
    expect(fake.seen).toEqual([]);
    act(() => {
      document.title = 'Item 7';
    });
    becomeReady();
    expect(fake.seen).toEqual(['/legacy/7 Item 7']);
  });

  it('waits for the title of the first load under StrictMode, and sends it once', async () => {
    // StrictMode unmounts and remounts the effects: the wait is cancelled, then started again.
    startAt('pages', '/legacy', '');
    render(
      <NinetailedProvider ninetailed={fake.asNinetailed}>
        <main>page</main>
      </NinetailedProvider>,
      { reactStrictMode: true },
    );
    expect(fake.seen).toEqual([]);
    await setTitle('Legacy');
    await setTitle('Legacy, edited');
    expect(fake.seen).toEqual(['/legacy Legacy']);
    expect(fake.pages[0]?.properties).toEqual({});
  });

  it('counts hash changes when asked (asPath carries the hash)', () => {
    startAt('pages', '/legacy', 'Legacy');
    const routes: RouteChange[] = [];
    render(
      <NinetailedProvider
        ninetailed={fake.asNinetailed}
        trackHashChanges
        onRouteChange={(route) => {
          routes.push(route);
        }}
      >
        <main>page</main>
      </NinetailedProvider>,
    );
    navigate('/legacy#specs', 'Legacy');
    expect(routes.map((r) => [r.path, r.hash, r.initial])).toEqual([
      ['/legacy', '', true],
      ['/legacy', '#specs', false],
    ]);
    expect(fake.seen).toEqual(['/legacy Legacy', '/legacy Legacy']);
  });
});
