import { act, render } from '@testing-library/react';
import { RouterContext } from 'next/dist/shared/lib/router-context.shared-runtime';
import type { NextRouter } from 'next/router';
import { type ReactNode, StrictMode, useState } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { NinetailedProvider, type RouteChange } from '../src';
import { FakeNinetailed } from './fakeNinetailed';

// The real `next/compat/router` of the Next version under test (16, or 15 through the
// `next-15` alias, with React 19 and 18: see vitest.config.ts), fed by the context the Pages
// Router provides (a new router object on every route change, `asPath` with the hash).
let go: (href: string, title: string) => void = () => {};

function PagesRouter({ children, isReady }: { children: ReactNode; isReady: boolean }) {
  const [asPath, setAsPath] = useState(window.location.pathname + window.location.search);
  go = (next, title) =>
    act(() => {
      window.history.pushState(null, '', next);
      document.title = title;
      setAsPath(next);
    });
  const router = {
    asPath,
    isReady,
    pathname: '/[[...slug]]',
    query: {},
    basePath: '',
  } as unknown as NextRouter;
  return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

let fake: FakeNinetailed;
beforeEach(() => {
  fake = new FakeNinetailed();
  window.history.replaceState(null, '', '/legacy');
  document.title = 'Legacy';
});

describe(`Pages Router with the real next/compat/router of next ${process.env.EXPECTED_NEXT_MAJOR}`, () => {
  it('sends one page event per navigation, after the router is ready', () => {
    const routes: RouteChange[] = [];
    const tree = (isReady: boolean) => (
      <StrictMode>
        <PagesRouter isReady={isReady}>
          <NinetailedProvider
            ninetailed={fake.asNinetailed}
            onRouteChange={(route) => void routes.push(route)}
          >
            <main>legacy</main>
          </NinetailedProvider>
        </PagesRouter>
      </StrictMode>
    );
    const { rerender } = render(tree(false));
    expect(fake.seen).toEqual([]);
    rerender(tree(true));
    go('/legacy/2', 'Item 2');
    go('/legacy/2?tab=specs', 'Item 2');
    go('/legacy/2?tab=specs#top', 'Item 2');
    expect(fake.seen).toEqual(['/legacy Legacy', '/legacy/2 Item 2', '/legacy/2?tab=specs Item 2']);
    expect(routes.map((route) => [route.url, route.initial])).toEqual([
      ['http://localhost:3000/legacy', true],
      ['http://localhost:3000/legacy/2', false],
      ['http://localhost:3000/legacy/2?tab=specs', false],
    ]);
  });
});
