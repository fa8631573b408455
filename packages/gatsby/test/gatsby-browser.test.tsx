import { memoryStorage, type NinetailedEvent, type NinetailedPlugin } from '@ninetailed/experience.js-react';
import { act, render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NinetailedGatsbyRuntime } from '../src';
import { API_URL, experienceApiDouble } from './experienceApiDouble';

// The pluginsModule of these tests: each test puts its runtime here before importing
// gatsby-browser (which reads it once, as it reads the aliased module in a real site).
const site = vi.hoisted(() => ({ runtime: {} as NinetailedGatsbyRuntime }));
vi.mock('@ninetailed/experience.js-gatsby/runtime', () => ({
  get default() {
    return site.runtime;
  },
}));

type GatsbyBrowserModule = typeof import('../src/gatsby-browser');
type ReactBindingModule = typeof import('@ninetailed/experience.js-react');
const pluginOptions = { plugins: [], clientId: 'demo', url: API_URL, pageContextProperties: ['category'] };
// Gatsby passes these with every browser API call; our APIs use none of them.
const gatsbyArgs = { getResourceURLsForPathname: () => [] };

// Fresh modules per test (vi.resetModules): gatsby-browser keeps one instance per page load.
// The hooks come from the same fresh module graph, so they see the same React context.
let browser: GatsbyBrowserModule;
let useNinetailed: ReactBindingModule['useNinetailed'];
let useProfile: ReactBindingModule['useProfile'];

beforeEach(async () => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'],
  });
  window.history.replaceState(null, '', '/');
  document.head.innerHTML = '<title data-gatsby-head="true">Home</title>';
  vi.resetModules();
});

afterEach(() => {
  vi.useRealTimers();
});

async function load(runtime: NinetailedGatsbyRuntime) {
  site.runtime = runtime;
  browser = await import('../src/gatsby-browser');
  ({ useNinetailed, useProfile } = await import('@ninetailed/experience.js-react'));
  return browser;
}

/** What Gatsby renders for the site root: `element` inside the plugin's `wrapRootElement`. */
function rootOf(element: ReactElement): ReactElement {
  return browser.wrapRootElement({ ...gatsbyArgs, element, pathname: '/' }, pluginOptions) as ReactElement;
}

/** What Gatsby does for one page: render it through wrapPageElement, then onRouteUpdate. */
function showPage(path: string, key: string, pageContext: Record<string, unknown>, title: string) {
  if (path !== window.location.pathname) window.history.pushState({ key }, '', path);
  const location = { ...window.location, key, state: { key } } as unknown as Location;
  browser.wrapPageElement(
    { ...gatsbyArgs, element: <main />, props: { location, pageContext, data: {} } as never },
    pluginOptions,
  );
  browser.onRouteUpdate?.({ ...gatsbyArgs, location, prevLocation: null }, pluginOptions);
  // Gatsby's Head API, as late as it gets: the old head elements go in an effect (here: in
  // the next frame), the new ones a frame and a task after that (from a second React root).
  // Without waiting again on <head> changes, the event would leave with an empty title.
  requestAnimationFrame(() => {
    document.head.innerHTML = '';
    requestAnimationFrame(() =>
      setTimeout(() => {
        document.head.innerHTML = `<title data-gatsby-head="true">${title}</title>`;
      }, 0),
    );
  });
}

/** A shop button: track through useNinetailed(), audiences through useProfile(). */
const Shop = () => {
  const { track } = useNinetailed();
  const { status, profile } = useProfile();
  return (
    <button type="button" onClick={() => void track('add_to_cart', { sku: 'A-1' })}>
      {`${status}:${profile?.audiences.join(',') ?? ''}`}
    </button>
  );
};

/** The profile status and audiences, through useProfile(). */
const Inspector = () => {
  const { status, profile } = useProfile();
  return <p>{`${status}:${profile?.audiences.join(',') ?? ''}`}</p>;
};

/** Records the instance each render sees. */
const seen: unknown[] = [];
const Probe = () => {
  seen.push(useNinetailed().ninetailed);
  return null;
};

const pageSummary = (events: NinetailedEvent[]) =>
  events
    .filter((e) => e.type === 'page')
    .map((e) => {
      const p = (e as Extract<NinetailedEvent, { type: 'page' }>).properties;
      return { path: p.path, title: p.title, category: p.category };
    });

describe('gatsby-browser', () => {
  it('wraps the root in the provider: components get useNinetailed() and useProfile()', async () => {
    const api = experienceApiDouble((events) =>
      events.filter((e) => e.type === 'track' && e.event === 'add_to_cart').length ? ['cart-adders'] : [],
    );
    await load({ fetch: api.fetch, storage: memoryStorage() });
    render(rootOf(<Shop />));
    expect(screen.getByRole('button').textContent).toBe('loading:');
    await act(async () => {
      screen.getByRole('button').click();
      await vi.advanceTimersByTimeAsync(100);
    });
    expect(screen.getByRole('button').textContent).toBe('success:cart-adders');
    expect(api.events.map((e) => e.type)).toEqual(['track']);
    api.verify();
  });

  it('shares one instance between the site root, the Head root and onRouteUpdate', async () => {
    await load({ fetch: experienceApiDouble().fetch, storage: memoryStorage() });
    seen.length = 0;
    render(rootOf(<Probe />));
    // Gatsby renders each page's Head in a second root, wrapped by wrapRootElement again
    render(rootOf(<Probe />));
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    const page = vi.spyOn(seen[0] as { page: () => Promise<void> }, 'page');
    showPage('/', 'initial', {}, 'Home');
    await vi.advanceTimersByTimeAsync(100);
    expect(page).toHaveBeenCalledTimes(1);
  });

  it('sends one page event per route update, after the new title, with the pageContext category', async () => {
    const api = experienceApiDouble();
    await load({ fetch: api.fetch, storage: memoryStorage() });
    render(rootOf(<p />));

    showPage('/', 'initial', {}, 'Home');
    // Gatsby may report the first load twice (a remount): it still counts once
    browser.onRouteUpdate?.(
      { ...gatsbyArgs, location: { ...window.location, key: 'initial' } as never, prevLocation: null },
      pluginOptions,
    );
    await vi.advanceTimersByTimeAsync(100);
    showPage('/blog/a/', 'k1', { category: 'news', slug: 'a' }, 'Post A');
    await vi.advanceTimersByTimeAsync(100);
    showPage('/shop/', 'k2', {}, 'Shop');
    await vi.advanceTimersByTimeAsync(100);
    showPage('/blog/b/', 'k3', { category: 'tech' }, 'Post B');
    await vi.advanceTimersByTimeAsync(100);

    expect(pageSummary(api.events)).toEqual([
      { path: '/', title: 'Home', category: undefined },
      { path: '/blog/a/', title: 'Post A', category: 'news' },
      { path: '/shop/', title: 'Shop', category: undefined },
      { path: '/blog/b/', title: 'Post B', category: 'tech' },
    ]);
    // pageContext keys not listed in pageContextProperties stay out
    expect(api.events.some((e) => 'slug' in ((e as { properties?: object }).properties ?? {}))).toBe(false);
    api.verify();
  });

  it("runs v7's onRouteChange(routeInfo, ninetailed) from the pluginsModule instead of the automatic page event", async () => {
    const api = experienceApiDouble();
    const routes: Array<[boolean, string]> = [];
    await load({
      fetch: api.fetch,
      storage: memoryStorage(),
      onRouteChange: (routeInfo, ninetailed) => {
        routes.push([routeInfo.isInitialRoute, routeInfo.url]);
        if (!routeInfo.isInitialRoute) void ninetailed.page({ by: 'v7' });
      },
    });
    render(rootOf(<p />));
    showPage('/', 'initial', {}, 'Home');
    await vi.advanceTimersByTimeAsync(100);
    showPage('/blog/a/', 'k1', { category: 'news' }, 'Post A');
    await vi.advanceTimersByTimeAsync(100);
    expect(routes).toEqual([
      [true, 'http://localhost:3000/'],
      [false, 'http://localhost:3000/blog/a/'],
    ]);
    expect(api.events.map((e) => [e.type, (e as { properties?: { by?: string } }).properties?.by])).toEqual([
      ['page', 'v7'],
    ]);
    api.verify();
  });

  it('counts a new history entry to the same URL, and sends a page left before its head with its own URL and title', async () => {
    const api = experienceApiDouble();
    await load({ fetch: api.fetch, storage: memoryStorage() });
    render(rootOf(<p />));
    showPage('/shop/', 'k1', {}, 'Shop');
    await vi.advanceTimersByTimeAsync(100);
    showPage('/shop/', 'k2', {}, 'Shop'); // a <Link> to the page already shown: a new entry
    await vi.advanceTimersByTimeAsync(100);
    // A page that redirects on mount: left before its Head came.
    showPage('/blog/a/', 'k3', { category: 'news' }, 'Post A');
    showPage('/blog/b/', 'k4', { category: 'tech' }, 'Post B');
    await vi.advanceTimersByTimeAsync(100);
    expect(pageSummary(api.events)).toEqual([
      { path: '/shop/', title: 'Shop', category: undefined },
      { path: '/shop/', title: 'Shop', category: undefined },
      { path: '/blog/a/', title: '', category: 'news' },
      { path: '/blog/b/', title: 'Post B', category: 'tech' },
    ]);
    api.verify();
  });

  it('wires the pluginsModule: its plugins see the events, its pageProperties add properties', async () => {
    const api = experienceApiDouble();
    const seen: string[] = [];
    const plugin: NinetailedPlugin = {
      name: 'test-plugin',
      onEvent: (event) => {
        seen.push(event.type);
        return event;
      },
    };
    await load({
      fetch: api.fetch,
      storage: memoryStorage(),
      plugins: [plugin],
      pageProperties: ({ location, pageContext }) => ({
        section: location.pathname.split('/')[1],
        ...pageContext,
      }),
    });
    render(rootOf(<p />));
    showPage('/blog/a/', 'initial', { category: 'news', author: 'kim' }, 'Post A');
    await vi.advanceTimersByTimeAsync(100);
    expect(seen).toEqual(['page']);
    expect(api.events).toHaveLength(1);
    expect((api.events[0] as { properties: Record<string, unknown> }).properties).toMatchObject({
      section: 'blog',
      category: 'news',
      author: 'kim',
      title: 'Post A',
    });
    api.verify();
  });

  it('leaves no unhandled rejection when the API refuses a page event: the error goes to onError', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const api = experienceApiDouble(undefined, { refuse: true });
      const errors: Error[] = [];
      await load({ fetch: api.fetch, storage: memoryStorage(), onError: (error) => errors.push(error) });
      render(rootOf(<p />));
      showPage('/', 'initial', {}, 'Home');
      await vi.advanceTimersByTimeAsync(100);
      showPage('/shop/', 'k1', {}, 'Shop');
      await vi.advanceTimersByTimeAsync(100);
      // Node reports an unhandled rejection once the microtasks have run: give it that chance.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(errors.map((error) => error.message)).toEqual([
        expect.stringMatching(/^\[ninetailed\] /),
        expect.stringMatching(/^\[ninetailed\] /),
      ]);
      expect(unhandled).toEqual([]);
      api.verify();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it("hydrates gatsby-ssr's HTML with no mismatch and no console error, then shows the visitor's profile", async () => {
    const api = experienceApiDouble(() => ['returning']);
    await load({ fetch: api.fetch, storage: memoryStorage() });
    const ssr = await import('../src/gatsby-ssr');
    const html = renderToString(
      ssr.wrapRootElement({ ...gatsbyArgs, element: <Inspector />, pathname: '/' } as never, pluginOptions),
    );
    expect(html).toBe('<p>loading:</p>');

    // The browser knows the visitor already (its first page event was answered) when React
    // hydrates: the server could not, so hydration must start from the server snapshot.
    const element = rootOf(<Inspector />);
    showPage('/', 'initial', {}, 'Home');
    await vi.advanceTimersByTimeAsync(100);
    expect(api.events.map((e) => e.type)).toEqual(['page']);

    const consoleError = vi.spyOn(console, 'error');
    const consoleWarn = vi.spyOn(console, 'warn');
    const recoverable: unknown[] = [];
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const root = await act(async () =>
      hydrateRoot(container, element, { onRecoverableError: (error) => recoverable.push(error) }),
    );
    expect(recoverable).toEqual([]);
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
    expect(container.innerHTML).toBe('<p>success:returning</p>');
    act(() => root.unmount());
    container.remove();
    api.verify();
  });
});
