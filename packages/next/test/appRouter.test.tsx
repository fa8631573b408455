import { act } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NinetailedProvider, PageProperties, type RouteTrackingOptions } from '../src';
import { FakeNinetailed } from './fakeNinetailed';
import { navigate, renderInRouter as render, startAt } from './nextMocks';

vi.mock('next/navigation', async () => (await import('./nextMocks')).navigationMock);
vi.mock('next/compat/router', async () => (await import('./nextMocks')).compatRouterMock);

/** A stand-in for `window.navigation` (jsdom has no Navigation API), removed after the test. */
function stubNavigationApi(): EventTarget {
  const navigation = new EventTarget();
  Object.defineProperty(window, 'navigation', { value: navigation, configurable: true });
  return navigation;
}

let fake: FakeNinetailed;
beforeEach(() => {
  fake = new FakeNinetailed();
  startAt('app', '/', 'Home');
});
afterEach(() => {
  vi.useRealTimers();
  Reflect.deleteProperty(window, 'navigation');
});

const app = (extra: RouteTrackingOptions = {}) => (
  <NinetailedProvider ninetailed={fake.asNinetailed} {...extra}>
    <main>page</main>
  </NinetailedProvider>
);

let rerender: () => void = () => {};
function Rerenders() {
  const [n, setN] = useState(0);
  rerender = () => setN(n + 1);
  return app({ titleTimeout: 1000 + n });
}

let setTag: (tag: string) => void = () => {};
function Tagged() {
  const [tag, set] = useState('one');
  setTag = set;
  return app({ onRouteChange: () => ({ tag }) });
}

// What the page tracker itself does (title waits, pages left early, unmount, hash listeners)
// is tested once, in the React binding (packages/react/test/pageTracking.test.tsx); this suite
// tests how the App Router feeds it.
describe('App Router: one page event per navigation', () => {
  it('sends one page event for the first load, with the title and URL of that page', () => {
    render(app());
    expect(fake.seen).toEqual(['/ Home']);
    expect(fake.pages[0]?.properties).toEqual({});
  });

  it('sends the first load once under StrictMode (effects run twice in development)', () => {
    render(app(), { reactStrictMode: true });
    expect(fake.seen).toEqual(['/ Home']);
    navigate('/blog', 'Blog');
    expect(fake.seen).toEqual(['/ Home', '/blog Blog']);
  });

  it('counts path changes, query-only changes and back navigations, each once', () => {
    render(app());
    navigate('/blog', 'Blog');
    navigate('/blog?page=2', 'Blog');
    navigate('/blog?page=3', 'Blog');
    act(() => window.history.back());
    navigate('/blog?page=2', 'Blog', 'replace'); // what the App Router does on popstate
    expect(fake.seen).toEqual([
      '/ Home',
      '/blog Blog',
      '/blog?page=2 Blog',
      '/blog?page=3 Blog',
      '/blog?page=2 Blog',
    ]);
  });

  it('does not count a re-render or a same-URL replace', () => {
    render(<Rerenders />);
    act(() => rerender());
    navigate('/', 'Home', 'replace');
    navigate('/', 'Home', 'push');
    expect(fake.seen).toEqual(['/ Home']);
  });

  it('does not count hash-only changes by default', () => {
    const navigation = stubNavigationApi();
    render(app());
    navigate('/#comments', 'Home');
    act(() => {
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      navigation.dispatchEvent(new Event('currententrychange'));
    });
    navigate('/blog#top', 'Blog');
    navigate('/blog#bottom', 'Blog');
    expect(fake.seen).toEqual(['/ Home', '/blog Blog']);
  });

  it('sends after titleTimeout with an empty title when the page has none', async () => {
    vi.useFakeTimers();
    render(app({ titleTimeout: 300 }));
    navigate('/untitled', '');
    await act(() => vi.advanceTimersByTimeAsync(299));
    expect(fake.seen).toEqual(['/ Home']);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(fake.seen).toEqual(['/ Home', '/untitled ']);
  });
});

describe('App Router: onRouteChange', () => {
  it('gets the route and its page properties, and its object replaces the properties', () => {
    const onRouteChange = vi.fn((route) => ({ section: route.path.split('/')[1] || 'home' }));
    render(app({ onRouteChange }));
    navigate('/shop/boots?size=42#reviews', 'Boots');
    expect(onRouteChange.mock.calls.map(([route]) => route)).toEqual([
      {
        url: 'http://localhost:3000/',
        path: '/',
        search: '',
        hash: '',
        properties: {},
        initial: true,
        isInitialRoute: true,
      },
      {
        url: 'http://localhost:3000/shop/boots?size=42#reviews',
        path: '/shop/boots',
        search: '?size=42',
        hash: '#reviews',
        properties: {},
        initial: false,
        isInitialRoute: false,
      },
    ]);
    expect(fake.pages.map((p) => p.properties)).toEqual([{ section: 'home' }, { section: 'shop' }]);
  });

  it('sends no page event for a navigation when it returns false, and the default when it returns nothing', () => {
    render(app({ onRouteChange: (route) => (route.path.startsWith('/admin') ? false : undefined) }));
    navigate('/admin', 'Admin');
    navigate('/shop', 'Shop');
    expect(fake.seen).toEqual(['/ Home', '/shop Shop']);
    expect(fake.pages[1]?.properties).toEqual({});
  });

  it('logs an onRouteChange that throws and sends the default page event; the app goes on', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const boom = new Error('boom');
    const { container } = render(
      app({
        onRouteChange: (route) => {
          if (route.path !== '/shop') throw boom;
          return { section: 'shop' };
        },
      }),
    );
    navigate('/blog', 'Blog');
    navigate('/shop', 'Shop');
    expect(fake.pages.map((p) => [`${p.path} ${p.title}`, p.properties])).toEqual([
      ['/ Home', {}],
      ['/blog Blog', {}],
      ['/shop Shop', { section: 'shop' }],
    ]);
    expect(error.mock.calls).toEqual([
      ['[ninetailed] onRouteChange threw:', boom],
      ['[ninetailed] onRouteChange threw:', boom],
    ]);
    expect(container.textContent).toBe('page');
  });

  it('sends the page properties by default when onRouteChange throws for a page left before its title', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <NinetailedProvider
        ninetailed={fake.asNinetailed}
        onRouteChange={() => {
          throw new TypeError('oops');
        }}
      >
        <PageProperties properties={{ category: 'news' }} />
      </NinetailedProvider>,
    );
    navigate('/slow', '');
    navigate('/next', 'Next');
    expect(fake.pages.map((p) => p.properties)).toEqual([
      { category: 'news' },
      {
        url: 'http://localhost:3000/slow',
        path: '/slow',
        search: '',
        query: {},
        title: '',
        category: 'news',
      },
      { category: 'news' },
    ]);
  });

  it("takes v7's onRouteChange(routeInfo, ninetailed): it replaces the automatic page event", () => {
    const seen: boolean[] = [];
    render(
      app({
        onRouteChange: (routeInfo, ninetailed) => {
          seen.push(routeInfo.isInitialRoute);
          if (!routeInfo.isInitialRoute) void ninetailed.page({ by: 'v7' });
        },
      }),
    );
    navigate('/shop', 'Shop');
    expect(seen).toEqual([true, false]);
    expect(fake.pages.map((p) => [`${p.path} ${p.title}`, p.properties])).toEqual([
      ['/shop Shop', { by: 'v7' }],
    ]);
  });

  it('uses the latest onRouteChange prop', () => {
    render(<Tagged />);
    act(() => setTag('two'));
    navigate('/b', 'B');
    expect(fake.pages.map((p) => p.properties)).toEqual([{ tag: 'one' }, { tag: 'two' }]);
  });
});
