import { act } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NinetailedProvider, PageProperties, type RouteTrackingOptions } from '../src';
import { FakeNinetailed } from './fakeNinetailed';
import { navigate, renderInRouter as render, setTitle, startAt } from './nextMocks';

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

  it('counts hash-only changes with trackHashChanges, from hashchange without the Navigation API', () => {
    render(app({ trackHashChanges: true }));
    // The App Router re-renders nothing for a hash change: only the history event tells.
    act(() => {
      window.history.pushState(null, '', '/#comments');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    act(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
    expect(fake.pages.map((p) => [p.path, p.properties])).toEqual([
      ['/', {}],
      ['/', {}],
    ]);
  });

  it("counts <Link href='#x'> (a pushState) with trackHashChanges where the Navigation API is", () => {
    const navigation = stubNavigationApi();
    render(app({ trackHashChanges: true }));
    act(() => {
      window.history.pushState(null, '', '/#comments');
      navigation.dispatchEvent(new Event('currententrychange'));
    });
    // A new path: the history event comes before React renders the new page, so it is left to
    // the re-render that follows (which sends it once, with its title).
    act(() => {
      window.history.pushState(null, '', '/shop');
      navigation.dispatchEvent(new Event('currententrychange'));
    });
    expect(fake.seen).toEqual(['/ Home', '/ Home']);
    navigate('/shop', 'Shop');
    act(() => navigation.dispatchEvent(new Event('currententrychange')));
    expect(fake.seen).toEqual(['/ Home', '/ Home', '/shop Shop']);
  });

  it("carries the new page's title, never the previous one's, when metadata streams in after the route", async () => {
    render(app());
    // The App Router removes the old <title> at the route change and streams the new one in.
    navigate('/blog/a', '');
    expect(fake.seen).toEqual(['/ Home']);
    await setTitle('Post A');
    await setTitle('Post A, edited');
    expect(fake.seen).toEqual(['/ Home', '/blog/a Post A']);
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

  it('still sends a page left before its title came, naming its own URL', () => {
    render(app());
    navigate('/slow?x=1', '');
    navigate('/next', 'Next');
    expect(fake.pages.map((p) => [p.path, p.title, p.properties])).toEqual([
      ['/', 'Home', {}],
      // The core fills url/path/title from the current location: the tracker names the left page.
      [
        '/next',
        'Next',
        {
          url: 'http://localhost:3000/slow?x=1',
          path: '/slow',
          search: '?x=1',
          query: { x: '1' },
          title: '',
        },
      ],
      ['/next', 'Next', {}],
    ]);
  });

  it('waits for the title of the first load under StrictMode and still sends once', async () => {
    document.title = '';
    render(app(), { reactStrictMode: true });
    expect(fake.seen).toEqual([]);
    await setTitle('Home');
    expect(fake.seen).toEqual(['/ Home']);
  });

  it('cancels a page event still waiting for its title when the provider unmounts', async () => {
    vi.useFakeTimers();
    document.title = '';
    const { unmount } = render(app({ titleTimeout: 500 }));
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    // No timer and no MutationObserver outlive the provider, and nothing is sent.
    expect(vi.getTimerCount()).toBe(0);
    await setTitle('Late');
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(fake.seen).toEqual([]);
  });

  it('cancels the wait of a client navigation on unmount, after sending the pages before it', async () => {
    vi.useFakeTimers();
    const { unmount } = render(app({ titleTimeout: 500 }), { reactStrictMode: true });
    navigate('/blog/a', '');
    unmount();
    await setTitle('Post A');
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(fake.seen).toEqual(['/ Home']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('swallows a rejected page() (the core reports it through onError)', async () => {
    fake.rejectPages = true;
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    render(app());
    navigate('/blog', 'Blog');
    // A macrotask: Node reports unhandled rejections once the microtasks have run.
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    process.off('unhandledRejection', unhandled);
    expect(fake.seen).toEqual(['/ Home', '/blog Blog']);
    expect(unhandled).not.toHaveBeenCalled();
  });
});

describe('App Router: onRouteChange', () => {
  it('gets the route and its page properties, and its object replaces the properties', () => {
    const onRouteChange = vi.fn((route) => ({ section: route.path.split('/')[1] || 'home' }));
    render(app({ onRouteChange }));
    navigate('/shop/boots?size=42#reviews', 'Boots');
    expect(onRouteChange.mock.calls.map(([route]) => route)).toEqual([
      { url: 'http://localhost:3000/', path: '/', search: '', hash: '', properties: {}, initial: true },
      {
        url: 'http://localhost:3000/shop/boots?size=42#reviews',
        path: '/shop/boots',
        search: '?size=42',
        hash: '#reviews',
        properties: {},
        initial: false,
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

  it('uses the latest onRouteChange prop', () => {
    render(<Tagged />);
    act(() => setTag('two'));
    navigate('/b', 'B');
    expect(fake.pages.map((p) => p.properties)).toEqual([{ tag: 'one' }, { tag: 'two' }]);
  });
});
