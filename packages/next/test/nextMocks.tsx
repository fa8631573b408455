import { act, type RenderOptions, type RenderResult, render } from '@testing-library/react';
import { createContext, type ReactElement, type ReactNode, useContext, useMemo, useState } from 'react';

/**
 * Stand-ins for `next/navigation` (App Router) and `next/compat/router` (Pages Router), driven
 * like the real routers: the URL changes first, then the router's state at the root of the
 * tree changes, and everything below re-renders in that one commit. The App Router's pathname
 * and search params leave the hash out; the Pages Router's `asPath` keeps it, and each route
 * gets a new router object.
 */
interface Route {
  kind: 'app' | 'pages';
  pathname: string;
  search: string;
  isReady: boolean;
  pagesRouter: null | { asPath: string; isReady: boolean; pathname: string };
}

let current: Route = { kind: 'app', pathname: '/', search: '', isReady: true, pagesRouter: null };
let setRoute: (route: Route) => void = () => {};
const RouteContext = createContext<Route>(current);

function next(kind: Route['kind'], isReady: boolean): Route {
  const { pathname, search, hash } = window.location;
  const asPath = pathname + search + hash;
  const old = current.pagesRouter;
  const same = current.kind === kind && old?.asPath === asPath && old.isReady === isReady;
  const pagesRouter = kind === 'app' ? null : same ? old : { asPath, isReady, pathname };
  return { kind, pathname, search: search.slice(1), isReady, pagesRouter };
}

function MockRouter({ children }: { children: ReactNode }) {
  const [route, set] = useState(current);
  setRoute = (route) => {
    current = route;
    set(route);
  };
  return <RouteContext.Provider value={route}>{children}</RouteContext.Provider>;
}

/**
 * `render` inside the mocked router (as a Next app renders inside its router). For StrictMode pass
 * `{ reactStrictMode: true }`: it goes at the root, above the router, as in Next (React 19 does
 * not replay the first mount's effects under a `<StrictMode>` nested below the wrapper).
 */
export function renderInRouter(ui: ReactElement, options?: RenderOptions): RenderResult {
  return render(ui, { wrapper: MockRouter, ...options });
}

/** Resets the routers to `kind` at `url` (the page the test starts on); call before rendering. */
export function startAt(kind: Route['kind'], url: string, title: string, isReady = true): void {
  window.history.replaceState(null, '', url);
  document.title = title;
  current = { ...current, kind: kind === 'app' ? 'pages' : 'app' };
  current = next(kind, isReady);
}

/**
 * A client-side navigation: the history entry changes, the title is set (an empty title stands
 * for the App Router's metadata that streams in later), then the router re-renders; `render`
 * updates the app's own page in that same commit, as both routers do.
 */
export function navigate(
  url: string,
  title: string,
  how: 'push' | 'replace' = 'push',
  render?: () => void,
): void {
  act(() => {
    if (how === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
    document.title = title;
    render?.();
    setRoute(next(current.kind, current.isReady));
  });
}

/** The Pages Router becoming ready (after hydration of a statically optimized page). */
export function becomeReady(): void {
  act(() => setRoute(next(current.kind, true)));
}

/** Sets `document.title` as streamed metadata does, and lets the MutationObserver callbacks run. */
export async function setTitle(title: string): Promise<void> {
  await act(async () => {
    document.title = title;
  });
}

export const navigationMock = {
  usePathname: () => useContext(RouteContext).pathname,
  useSearchParams: () => {
    const { search } = useContext(RouteContext);
    return useMemo(() => new URLSearchParams(search), [search]);
  },
};

export const compatRouterMock = {
  useRouter: () => useContext(RouteContext).pagesRouter,
};
