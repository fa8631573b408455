import { render, screen } from '@testing-library/react';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NinetailedProvider, PageProperties, usePageProperties } from '../src';
import { FakeNinetailed } from './fakeNinetailed';
import { navigate, renderInRouter, startAt } from './nextMocks';

vi.mock('next/navigation', async () => (await import('./nextMocks')).navigationMock);
vi.mock('next/compat/router', async () => (await import('./nextMocks')).compatRouterMock);

const POSTS: Record<string, { title: string; category: string }> = {
  '/blog/a': { title: 'Post A', category: 'news' },
  '/blog/b': { title: 'Post B', category: 'tech' },
};

function Post({ path }: { path: string }) {
  const post = POSTS[path];
  usePageProperties({ category: post?.category });
  return <h1>{post?.title}</h1>;
}

/** Renders the page of the current URL, as a router does, through a route table. */
function Routes({ path }: { path: string }) {
  if (path.startsWith('/blog/')) return <Post path={path} />;
  return <h1>Home</h1>;
}

let fake: FakeNinetailed;
beforeEach(() => {
  fake = new FakeNinetailed();
});

let setPath: (path: string) => void = () => {};

function App({ layout }: { layout?: Record<string, unknown> }) {
  const [path, set] = useState(window.location.pathname);
  setPath = set;
  return (
    <NinetailedProvider ninetailed={fake.asNinetailed}>
      {layout && <PageProperties properties={layout} />}
      <Routes path={path} />
    </NinetailedProvider>
  );
}

/** A navigation where the new page renders in the same commit as the route change. */
const go = (path: string, title: string) => navigate(path, title, 'push', () => setPath(path));

describe.each(['app', 'pages'] as const)('page properties (%s router)', (kind) => {
  it('puts the category in THE page event of the post, on the first load and on navigations', () => {
    startAt(kind, '/blog/a', 'Post A');
    renderInRouter(<App />, { reactStrictMode: true });
    expect(fake.pages.map((p) => [p.path, p.title, p.properties])).toEqual([
      ['/blog/a', 'Post A', { category: 'news' }],
    ]);
    go('/blog/b', 'Post B');
    go('/', 'Home');
    expect(fake.pages.map((p) => [p.path, p.title, p.properties])).toEqual([
      ['/blog/a', 'Post A', { category: 'news' }],
      ['/blog/b', 'Post B', { category: 'tech' }],
      ['/', 'Home', {}],
    ]);
    expect(screen.getByRole('heading').textContent).toBe('Home');
  });

  it('merges layout-level and page-level properties', () => {
    startAt(kind, '/blog/a', 'Post A');
    renderInRouter(<App layout={{ section: 'blog' }} />);
    go('/blog/b', 'Post B');
    expect(fake.pages.map((p) => p.properties)).toEqual([
      { section: 'blog', category: 'news' },
      { section: 'blog', category: 'tech' },
    ]);
  });
});

function Lonely() {
  usePageProperties({ category: 'news' });
  return null;
}

describe('usePageProperties', () => {
  it('throws a clear error outside the Next provider', () => {
    const onError = (event: ErrorEvent) => event.preventDefault();
    window.addEventListener('error', onError);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<Lonely />)).toThrow(
      '[ninetailed] usePageProperties() was called outside <NinetailedProvider> of @ninetailed/experience.js-next.',
    );
    window.removeEventListener('error', onError);
    spy.mockRestore();
  });
});
