import { act, render } from '@testing-library/react';
import {
  PathnameContext,
  SearchParamsContext,
} from 'next/dist/shared/lib/hooks-client-context.shared-runtime';
import { useRouter } from 'next/router';
import { type ReactNode, StrictMode, useMemo, useState } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { NinetailedProvider, PageProperties } from '../src';
import { FakeNinetailed } from './fakeNinetailed';

// The real `next/navigation` and `next/compat/router` of the Next version under test (16, or
// 15 through the `next-15` alias: see vitest.config.ts), fed by the contexts the App Router
// provides. Only those contexts stand in for the router.
let go: (href: string, title: string) => void = () => {};

function AppRouter({ children }: { children: ReactNode }) {
  const [href, setHref] = useState(window.location.href);
  go = (next, title) =>
    act(() => {
      window.history.pushState(null, '', next);
      document.title = title;
      setHref(window.location.href);
    });
  const url = useMemo(() => new URL(href), [href]);
  const searchParams = useMemo(() => new URLSearchParams(url.search), [url.search]);
  return (
    <PathnameContext.Provider value={url.pathname}>
      <SearchParamsContext.Provider value={searchParams}>{children}</SearchParamsContext.Provider>
    </PathnameContext.Provider>
  );
}

/** What the v7 Next package does: `useRouter()` from `next/router`. */
function V7Style() {
  useRouter();
  return null;
}

let fake: FakeNinetailed;
beforeEach(() => {
  fake = new FakeNinetailed();
  window.history.replaceState(null, '', '/');
  document.title = 'Home';
});

describe(`App Router with the real hooks of next ${process.env.EXPECTED_NEXT_MAJOR}`, () => {
  it("is what breaks next/router's useRouter() (the v7 package's crash), and works here", () => {
    const onError = (event: ErrorEvent) => event.preventDefault();
    window.addEventListener('error', onError);
    const quiet = console.error;
    console.error = () => {};
    expect(() => render(<V7Style />)).toThrow('NextRouter was not mounted');
    console.error = quiet;
    window.removeEventListener('error', onError);

    render(
      <StrictMode>
        <AppRouter>
          <NinetailedProvider ninetailed={fake.asNinetailed}>
            <PageProperties properties={{ category: 'news' }} />
          </NinetailedProvider>
        </AppRouter>
      </StrictMode>,
    );
    go('/blog?page=2', 'Blog');
    go('/blog?page=2#comments', 'Blog');
    go('/shop', 'Shop');
    expect(fake.pages.map((p) => [p.path + p.search, p.title, p.properties, p.path])).toEqual([
      ['/', 'Home', { category: 'news' }, '/'],
      ['/blog?page=2', 'Blog', { category: 'news' }, '/blog'],
      ['/shop', 'Shop', { category: 'news' }, '/shop'],
    ]);
  });
});
