import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPageTracker, NinetailedProvider, type PageTrackingOptions, usePageTracking } from '../src';
import { FakeNinetailed } from './fakeNinetailed';

/**
 * The one suite of the page tracker that every router binding feeds (`usePageTracking` here,
 * the Next provider, the Gatsby plugin): what counts as a navigation, when its event leaves
 * and what it carries. The bindings' own suites test only how they feed it.
 */

/** A page event: the properties, and what the core reads at call time (location, title). */
interface PageCall {
  at: string;
  title: string;
  properties: Record<string, unknown> | undefined;
}

class PageRecorder extends FakeNinetailed {
  readonly pages: PageCall[] = [];
  rejectPages = false;
  override page(properties?: Record<string, unknown>): Promise<void> {
    const { pathname, search, hash } = window.location;
    this.pages.push({ at: pathname + search + hash, title: document.title, properties });
    void super.page(properties);
    return this.rejectPages ? Promise.reject(new Error('[ninetailed] refused')) : Promise.resolve();
  }
  /** Each page event as `path+search title`, of the page it names (a left page names itself). */
  get seen(): string[] {
    return this.pages.map((p) => {
      const { pathname, search } = new URL(
        (p.properties?.url as string | undefined) ?? p.at,
        'http://localhost',
      );
      return `${pathname}${search} ${(p.properties?.title as string | undefined) ?? p.title}`;
    });
  }
}

let fake: PageRecorder;
/** The router's location: a new object on every navigation, as React Router's is. */
let location = { n: 0 };
let options: PageTrackingOptions = {};

function Tracked({ at }: { at: unknown }) {
  usePageTracking(at, options);
  return null;
}

const app = (at: unknown = location) => (
  <NinetailedProvider ninetailed={fake.asNinetailed}>
    <Tracked at={at} />
  </NinetailedProvider>
);

function mount(strict = false) {
  const view = render(app(), { reactStrictMode: strict });
  return { ...view, rerender: () => view.rerender(app()) };
}

let rerender: () => void;

/** A client-side navigation: the URL and title change, then the router renders a new location. */
function go(url: string, title: string, how: 'push' | 'replace' = 'push') {
  act(() => {
    if (how === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
    document.title = title;
    location = { n: location.n + 1 };
    rerender();
  });
}

/** Sets the title as late metadata does, and lets the MutationObserver callbacks run. */
async function setTitle(title: string) {
  await act(async () => {
    document.title = title;
  });
}

/** Replaces `<head>` as Gatsby's Head API does, and lets the observer callbacks run. */
async function setHead(html: string) {
  await act(async () => {
    document.head.innerHTML = html;
  });
}

/** Two animation frames and a task: what a settled `<head>` takes (fake timers). */
async function settle() {
  await act(async () => {
    vi.advanceTimersToNextFrame();
    vi.advanceTimersToNextFrame();
    // A timeout set from a frame callback is due 1 ms later under fake timers.
    await vi.advanceTimersByTimeAsync(1);
  });
}

const fakeFrames = () =>
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'],
  });

beforeEach(() => {
  fake = new PageRecorder();
  location = { n: 0 };
  options = {};
  window.history.replaceState(null, '', '/');
  document.head.innerHTML = '<title>Home</title>';
  rerender = () => {};
});
afterEach(() => {
  vi.useRealTimers();
  Reflect.deleteProperty(window, 'navigation');
});

function start(strict = false) {
  const view = mount(strict);
  rerender = view.rerender;
  return view;
}

describe('page tracking: what counts as a navigation', () => {
  it('sends the first load once, with its URL and title and no properties', () => {
    start();
    rerender();
    expect(fake.seen).toEqual(['/ Home']);
    expect(fake.pages[0]?.properties).toEqual({});
  });

  it('sends the first load once under StrictMode (effects run twice in development), then each navigation once', () => {
    start(true);
    expect(fake.seen).toEqual(['/ Home']);
    go('/blog', 'Blog');
    expect(fake.seen).toEqual(['/ Home', '/blog Blog']);
  });

  it('counts path changes and query-only changes, each once', () => {
    start();
    go('/blog', 'Blog');
    go('/blog?page=2', 'Blog');
    go('/blog?page=2&sort=new', 'Blog');
    expect(fake.seen).toEqual(['/ Home', '/blog Blog', '/blog?page=2 Blog', '/blog?page=2&sort=new Blog']);
  });

  it('counts back and forward (a popstate to an entry with another URL)', async () => {
    start();
    go('/a', 'A');
    go('/b', 'B');
    for (const move of [() => window.history.back(), () => window.history.forward()]) {
      const popped = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
      move();
      await popped;
      go(window.location.pathname, window.location.pathname === '/a' ? 'A' : 'B', 'replace');
    }
    expect(fake.seen).toEqual(['/ Home', '/a A', '/b B', '/a A', '/b B']);
  });

  it('does not count a re-render, a same-URL replace or a push of the same URL', () => {
    start();
    rerender();
    go('/', 'Home', 'replace');
    go('/', 'Home', 'push');
    expect(fake.seen).toEqual(['/ Home']);
  });

  it('sends nothing while the location is null (a router not ready yet), then the page once', () => {
    const view = render(app(null));
    expect(fake.seen).toEqual([]);
    view.rerender(app(undefined));
    view.rerender(app('/'));
    view.rerender(app('/'));
    expect(fake.seen).toEqual(['/ Home']);
  });

  it('does not count hash-only changes by default, from renders or history events', () => {
    const navigation = new EventTarget();
    Object.defineProperty(window, 'navigation', { value: navigation, configurable: true });
    start();
    go('/#comments', 'Home');
    act(() => {
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      navigation.dispatchEvent(new Event('currententrychange'));
    });
    go('/blog#top', 'Blog');
    go('/blog#bottom', 'Blog');
    expect(fake.seen).toEqual(['/ Home', '/blog Blog']);
  });

  it('counts hash-only changes with trackHashChanges: from a render, and from hashchange alone', () => {
    options = { trackHashChanges: true };
    start();
    go('/#one', 'Home');
    // A router that re-renders nothing for a hash change: only the history event tells.
    act(() => {
      window.history.pushState(null, '', '/#two');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    act(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
    expect(fake.pages.map((p) => p.at)).toEqual(['/', '/#one', '/#two']);
  });

  it('counts a pushState of #x with trackHashChanges where the Navigation API is, and leaves path changes to the render', () => {
    const navigation = new EventTarget();
    Object.defineProperty(window, 'navigation', { value: navigation, configurable: true });
    options = { trackHashChanges: true };
    start();
    act(() => {
      window.history.pushState(null, '', '/#comments');
      navigation.dispatchEvent(new Event('currententrychange'));
    });
    // A new path: the history event comes before the router renders the new page (and its
    // title), so it is left to the render that follows.
    act(() => {
      window.history.pushState(null, '', '/shop');
      navigation.dispatchEvent(new Event('currententrychange'));
    });
    expect(fake.seen).toEqual(['/ Home', '/ Home']);
    go('/shop', 'Shop', 'replace');
    act(() => navigation.dispatchEvent(new Event('currententrychange')));
    expect(fake.seen).toEqual(['/ Home', '/ Home', '/shop Shop']);
  });

  it('counts every new history entry, also to the same URL, when the router names entries', () => {
    const tracker = createPageTracker((properties) => fake.page(properties));
    tracker.navigate('initial');
    tracker.navigate('initial'); // the same update reported twice (a remount)
    tracker.navigate('k1'); // a push of the same URL: a new entry
    window.history.pushState(null, '', '/?page=2');
    tracker.navigate('k1'); // a query change within the entry
    expect(fake.seen).toEqual(['/ Home', '/ Home', '/?page=2 Home']);
  });
});

describe('page tracking: properties and onRouteChange', () => {
  it('sends the properties option (object or function), read at the navigation', () => {
    let category = 'home';
    options = { properties: () => ({ category }) };
    start();
    category = 'news';
    options = { properties: { category: 'tech' } };
    go('/blog/a', 'A');
    expect(fake.pages.map((p) => p.properties)).toEqual([{ category: 'home' }, { category: 'tech' }]);
  });

  it("uses onRouteChange's object, sends nothing for false, and logs a throwing one and sends the default", () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const boom = new Error('boom');
    options = {
      properties: { category: 'news' },
      onRouteChange: (route) => {
        if (route.path === '/admin') return false;
        if (route.path === '/bug') throw boom;
        return route.initial ? undefined : { section: route.path.slice(1), search: route.search };
      },
    };
    start();
    go('/admin', 'Admin');
    go('/shop?x=1', 'Shop');
    go('/bug', 'Bug');
    expect(fake.pages.map((p) => [p.at, p.properties])).toEqual([
      ['/', { category: 'news' }],
      ['/shop?x=1', { section: 'shop', search: '?x=1' }],
      ['/bug', { category: 'news' }],
    ]);
    expect(error.mock.calls).toEqual([['[ninetailed] onRouteChange threw:', boom]]);
  });

  it('swallows a rejected page() (the core reports it through onError)', async () => {
    fake.rejectPages = true;
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    start();
    go('/blog', 'Blog');
    // A macrotask: Node reports unhandled rejections once the microtasks have run.
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    process.off('unhandledRejection', unhandled);
    expect(fake.seen).toEqual(['/ Home', '/blog Blog']);
    expect(unhandled).not.toHaveBeenCalled();
  });
});

describe('page tracking: waiting for the title', () => {
  it("carries the new page's title, never the previous one's, when it comes after the route", async () => {
    start();
    go('/blog/a', '');
    expect(fake.seen).toEqual(['/ Home']);
    await setTitle('Post A');
    await setTitle('Post A, edited');
    expect(fake.seen).toEqual(['/ Home', '/blog/a Post A']);
  });

  it('sends after titleTimeout with an empty title when the page has none', async () => {
    vi.useFakeTimers();
    options = { titleTimeout: 300 };
    start();
    go('/untitled', '');
    await act(() => vi.advanceTimersByTimeAsync(299));
    expect(fake.seen).toEqual(['/ Home']);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(fake.seen).toEqual(['/ Home', '/untitled ']);
  });

  it('waits for the title of the first load under StrictMode and still sends once', async () => {
    document.title = '';
    start(true);
    expect(fake.seen).toEqual([]);
    await setTitle('Home');
    expect(fake.seen).toEqual(['/ Home']);
  });

  it('with waitForHead: waits until <head> settles, again after each change, so a replaced title is caught', async () => {
    fakeFrames();
    options = { waitForHead: true, properties: () => ({ title: document.title }) };
    start();
    await settle();
    expect(fake.seen).toEqual(['/ Home']);
    go('/blog/a', 'Home'); // the old title is still there after the route rendered
    await act(async () => {
      vi.advanceTimersToNextFrame();
      vi.advanceTimersToNextFrame();
    });
    await setHead(''); // the head manager removes the old elements...
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(fake.seen).toEqual(['/ Home']);
    await setHead('<title>Post A</title>'); // ...then renders the new ones
    await settle();
    expect(fake.seen).toEqual(['/ Home', '/blog/a Post A']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('with waitForHead: sends after titleTimeout when no frame comes (a hidden tab)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', () => 0);
    options = { waitForHead: true, titleTimeout: 1000 };
    start();
    await act(() => vi.advanceTimersByTimeAsync(999));
    expect(fake.seen).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(fake.seen).toEqual(['/ Home']);
  });
});

describe('page tracking: a page left before its title came', () => {
  it("is sent at once, before the next one, with its own URL, its first properties and title '' (never the next page's)", () => {
    let category = 'news';
    options = { properties: () => ({ category }) };
    start();
    go('/slow?x=1&x=2', '');
    category = 'tech';
    go('/next', 'Next');
    expect(fake.pages.map((p) => [p.at, p.title, p.properties])).toEqual([
      ['/', 'Home', { category: 'news' }],
      // The core fills url/path/title from the current location: the tracker names the left page.
      [
        '/next',
        'Next',
        {
          url: 'http://localhost:3000/slow?x=1&x=2',
          path: '/slow',
          search: '?x=1&x=2',
          query: { x: '2' },
          title: '',
          category: 'news',
        },
      ],
      ['/next', 'Next', { category: 'tech' }],
    ]);
  });

  it('with waitForHead: carries the title it was last seen with while waiting', async () => {
    fakeFrames();
    options = { waitForHead: true };
    start();
    await settle();
    go('/a', 'Home');
    await setHead('<title>Page A</title>'); // in, but <head> has not settled yet
    go('/b', 'Home');
    go('/c', 'Home'); // left before its own head came: ''
    await setHead('<title>Page C</title>');
    await settle();
    expect(fake.seen).toEqual(['/ Home', '/a Page A', '/b ', '/c Page C']);
  });
});

describe('page tracking: unmount', () => {
  it('cancels an event still waiting for its title: nothing is sent, no timer or observer is left', async () => {
    vi.useFakeTimers();
    document.title = '';
    options = { titleTimeout: 500 };
    const { unmount } = start();
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
    await setTitle('Late');
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(fake.seen).toEqual([]);
  });

  it('cancels the wait of a client navigation, after sending the pages before it', async () => {
    vi.useFakeTimers();
    options = { titleTimeout: 500 };
    const { unmount } = start(true);
    go('/blog/a', '');
    unmount();
    await setTitle('Post A');
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(fake.seen).toEqual(['/ Home']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops listening to history events', () => {
    options = { trackHashChanges: true };
    const { unmount } = start();
    unmount();
    act(() => {
      window.history.pushState(null, '', '/#gone');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(fake.seen).toEqual(['/ Home']);
  });
});
