// @vitest-environment jsdom

import { observeElement } from '@ninetailed/experience.js';
import { Tracker } from '@ninetailed/experience.js-gatsby';
import { decodeExperienceVariantsMap, NinetailedSsrPlugin } from '@ninetailed/experience.js-next';
import {
  ESRLoadingComponent,
  ESRProvider,
  Ninetailed,
  NinetailedProvider,
  type NinetailedProviderInstantiationProps,
  useNinetailed,
  usePageTracking,
  useProfile,
} from '@ninetailed/experience.js-react';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnalytics, v7Calls } from '../app-ts49/src/seed.ts';
import { builtBatch, legacyViews, selectHero } from '../app-ts49/src/v7Members.ts';
import { apiUrl, clearEvents, acceptedEvents as eventsOf } from './localApi.ts';

/**
 * v7-style usage run against the BUILT packages (this workspace resolves them to dist/) and
 * the local Experience API over real HTTP on 127.0.0.1 (a SQLite file in a temp dir).
 */
beforeEach(async () => {
  await clearEvents();
  localStorage.clear();
  // biome-ignore lint/suspicious/noDocumentCookie: forgets the profile cookie between tests.
  document.cookie = 'ntaid=; Max-Age=0; Path=/';
  history.replaceState(null, '', '/');
  document.title = 'Home';
});
afterEach(cleanup);

type HeroEntry = { id: string; title: string };

describe("the seed's own declarations and v7's core calls", () => {
  it('runs page/track/identify typed as the seed declared them, with v7-style onLog/onError', async () => {
    const logs: unknown[][] = [];
    const analytics = createAnalytics(apiUrl, logs);
    await expect(analytics.page({ category: 'news' })).resolves.toEqual({ success: true });
    await expect(analytics.track('add_to_cart', { sku: '9T41L' })).resolves.toEqual({ success: true });
    await expect(analytics.identify('', { favoriteColor: 'red' })).resolves.toEqual({ success: true });
    expect((await eventsOf()).map((e) => e.type)).toEqual(['page', 'track', 'identify']);
    // Bad input: a FlushResult with the error, and onError hears it v7's way (message first).
    const bad = await analytics.track('');
    expect(bad).toMatchObject({ success: false, error: expect.any(Error) });
    expect(logs.some(([first]) => first === 'error')).toBe(true);
    expect(logs.every((entry) => typeof entry[0] === 'string')).toBe(true);
  });

  it('returns FlushResults, takes per-call options, and narrows profileState by status', async () => {
    const ninetailed = new Ninetailed({ clientId: 'demo', url: apiUrl });
    await expect(v7Calls(ninetailed)).resolves.toEqual([true, true, true]);
    expect(ninetailed.profileState).toMatchObject({ status: 'success', from: 'api', error: null });
    expect(ninetailed.profileState.profile?.audiences).toContain('red-fans');
  });
});

/** A v7 README component: calls through useNinetailed<B, V>(), renders useProfile(). */
function Shop() {
  const { page, track, identify } = useNinetailed<HeroEntry, HeroEntry>();
  const { loading, profile, error } = useProfile();
  return (
    <>
      <button
        type="button"
        onClick={async () => {
          await page({ category: 'news' });
          await track('add_to_cart', { sku: '9T41L', quantity: 1 });
          await identify('', { favoriteColor: 'red' });
        }}
      >
        go
      </button>
      <p data-testid="profile">
        {loading ? 'loading' : error ? error.message : profile?.audiences.join(',')}
      </p>
    </>
  );
}

let routes: boolean[] = [];
let instance: Ninetailed | undefined;
/** A layout that feeds the page tracker with a v7-style onRouteChange. */
function Layout({ path }: { path: string }) {
  instance = useNinetailed().ninetailed;
  usePageTracking(path, {
    onRouteChange: (routeInfo, ninetailed) => {
      routes.push(routeInfo.isInitialRoute);
      if (!routeInfo.isInitialRoute) void ninetailed.page({ sentBy: 'onRouteChange' });
    },
  });
  return null;
}

describe("v7's README: the provider and hooks", () => {
  it('takes the instantiation props; useNinetailed<B, V>() sends page, track, identify; useProfile() gets the profile', async () => {
    const props: NinetailedProviderInstantiationProps = {
      clientId: 'demo',
      environment: 'main',
      url: apiUrl,
      componentViewTrackingThreshold: 2000,
      requestTimeout: 5000,
    };
    render(
      <NinetailedProvider {...props}>
        <Shop />
      </NinetailedProvider>,
    );
    expect(screen.getByTestId('profile').textContent).toBe('loading');
    fireEvent.click(screen.getByText('go'));
    await waitFor(async () =>
      expect((await eventsOf()).map((e) => e.type)).toEqual(['page', 'track', 'identify']),
    );
    const [page, track, identify] = await eventsOf();
    expect(page?.properties).toMatchObject({ category: 'news' });
    expect(track).toMatchObject({ event: 'add_to_cart', properties: { sku: '9T41L', quantity: 1 } });
    expect(identify?.traits).toEqual({ favoriteColor: 'red' });
    await waitFor(() => expect(screen.getByTestId('profile').textContent).toContain('red-fans'));
    expect(screen.getByTestId('profile').textContent).toContain('cart-adders');
  });
});

describe("v7's onRouteChange(routeInfo, ninetailed)", () => {
  it('replaces the automatic page event: only the pages the handler sends reach the API', async () => {
    routes = [];
    const app = (path: string) => (
      <NinetailedProvider clientId="demo" url={apiUrl}>
        <Layout path={path} />
      </NinetailedProvider>
    );
    const view = render(app('/'));
    await act(async () => {
      history.pushState(null, '', '/blog/post-1');
      document.title = 'Post';
      view.rerender(app('/blog/post-1'));
    });
    await waitFor(() => expect(routes).toEqual([true, false]));
    await act(() => instance?.flush());
    const pages = (await eventsOf()).filter((e) => e.type === 'page');
    expect(pages.map((e) => [e.context.page.path, e.properties.sentBy])).toEqual([
      ['/blog/post-1', 'onRouteChange'],
    ]);
  });
});

describe('v7 exports that are refused: they fail loudly and name the replacement', () => {
  it('NinetailedSsrPlugin throws when constructed', () => {
    expect(() => new NinetailedSsrPlugin()).toThrow(
      /^\[ninetailed\] NinetailedSsrPlugin is not needed.*getServerSideNinetailedProfile/,
    );
  });

  it("ESRProvider, ESRLoadingComponent and Gatsby's Tracker throw when rendered", () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<ESRProvider experienceVariantsMap={{ hero: 1 }} />)).toThrow(
      /^\[ninetailed\] ESRProvider is not supported.*initialProfile/,
    );
    expect(() => render(<ESRLoadingComponent />)).toThrow(
      /^\[ninetailed\] ESRLoadingComponent is not supported/,
    );
    expect(() => render(<Tracker />)).toThrow(/^\[ninetailed\] Tracker is not needed.*pluginsModule/);
  });

  it('decodeExperienceVariantsMap reads the encoded map', () => {
    expect(decodeExperienceVariantsMap('hero=1,banner=2')).toEqual({ hero: 1, banner: 2 });
    expect(decodeExperienceVariantsMap('hero=x,=2,banner=0,promo=3')).toEqual({ promo: 3 });
  });
});

describe("v7's instance members onSelectVariant, trackHasSeenComponent, trackVariableComponentView, eventBuilder", () => {
  it('onSelectVariant calls back with loading, then the selection for the profile; the unsubscribe stops it', async () => {
    const ninetailed = new Ninetailed({ clientId: 'demo', url: apiUrl });
    const lines: string[] = [];
    const off = selectHero(ninetailed, { id: 'hero-default', title: 'Welcome' }, [], (line) =>
      lines.push(line),
    );
    expect(lines).toEqual(['loading true Welcome']);
    await ninetailed.page();
    const id = ninetailed.profileState.profile?.id;
    expect(id).toBeTruthy();
    expect(lines).toEqual(['loading true Welcome', `success ${id} hero-default 0 false`]);
    off();
    await ninetailed.reset();
    expect(lines).toHaveLength(2);
  });

  it('the deprecated view calls reach the plugins as component views and warn once each', async () => {
    const views: unknown[] = [];
    const logs: unknown[][] = [];
    const ninetailed = new Ninetailed(
      { clientId: 'demo', url: apiUrl },
      {
        plugins: [{ name: 'views', onComponentView: (view) => void views.push(view) }],
        onLog: (message: string, ...args: unknown[]) => void logs.push([message, ...args]),
      },
    );
    await legacyViews(ninetailed);
    await legacyViews(ninetailed);
    expect(views).toHaveLength(4);
    expect(views[1]).toMatchObject({
      componentId: 'Variable-cta-color',
      componentType: 'Variable',
      experienceId: 'cta-test',
      variantIndex: 1,
    });
    expect(logs.map(([message]) => message)).toEqual([
      '[ninetailed] trackHasSeenComponent is deprecated (v7): use trackComponentView',
      '[ninetailed] trackVariableComponentView is deprecated (v7): use trackComponentView',
    ]);
  });

  it('observeElement and unobserveElement as methods watch and release the element once the app imports them', async () => {
    // Importing the functions is what makes the methods work (events-only apps do not carry them):
    // in the built package the registration must survive tree-shaking.
    expect(typeof observeElement).toBe('function');
    const watched: string[] = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        observe(element: Element) {
          watched.push(`observe ${element.id}`);
        }
        unobserve(element: Element) {
          watched.push(`unobserve ${element.id}`);
        }
        disconnect() {}
        takeRecords() {
          return [];
        }
      },
    );
    const errors: unknown[][] = [];
    const ninetailed = new Ninetailed(
      { clientId: 'demo', url: apiUrl },
      { onError: (...args: unknown[]) => void errors.push(args) },
    );
    const element = Object.assign(document.createElement('div'), { id: 'hero' });
    document.body.append(element);
    ninetailed.observeElement({
      element,
      experience: { id: 'news-hero', type: 'nt_personalization', sticky: false },
      variant: { id: 'hero-news' },
      variantIndex: 1,
    } as unknown as Parameters<typeof ninetailed.observeElement>[0]);
    ninetailed.unobserveElement(element);
    expect(errors).toEqual([]);
    expect(watched).toEqual(['observe hero', 'unobserve hero']);
    element.remove();
  });

  it('eventBuilder is refused loudly, naming the replacement, before the v7 code fails', async () => {
    const errors: unknown[] = [];
    const ninetailed = new Ninetailed({
      clientId: 'demo',
      url: apiUrl,
      onError: (error) => void errors.push(error),
    });
    await expect(builtBatch(ninetailed)).rejects.toThrow(TypeError);
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'ERR_NOT_SUPPORTED',
        message: expect.stringContaining(
          "eventBuilder is not supported: use batch([{ type: 'track', event, properties }])",
        ),
      }),
    ]);
    expect(await eventsOf()).toEqual([]);
  });
});
