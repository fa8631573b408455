// @vitest-environment node
import { NinetailedConfigError, useNinetailed, useProfile } from '@ninetailed/experience.js-react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { wrapRootElement } from '../src/gatsby-ssr';

// The pluginsModule is browser code: server rendering must not even import it.
vi.mock('@ninetailed/experience.js-gatsby/runtime', () => {
  throw new Error('[test] gatsby-ssr imported the pluginsModule');
});

const pluginOptions = {
  plugins: [],
  clientId: 'demo',
  url: 'http://127.0.0.1:9',
  pageContextProperties: ['category'],
};
const ssrArgs = {
  pathname: '/blog/a/',
  getResourceURLsForPathname: () => [],
} as unknown as Parameters<NonNullable<typeof wrapRootElement>>[0];

/** Renders the profile state and calls the SDK while rendering (as careless code might). */
const calls: Array<Promise<void>> = [];
const Inspector = () => {
  const { page, track } = useNinetailed();
  const { status, loading, profile } = useProfile();
  calls.push(page({ category: 'news' }), track('rendered'));
  return <output>{`${status}:${loading}:${profile === null}`}</output>;
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('gatsby-ssr', () => {
  it('renders the provider on the server, with no window, no document and no request', async () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const fetch = vi.fn(() => {
      throw new Error('[test] no request may leave during server rendering');
    });
    vi.stubGlobal('fetch', fetch);
    calls.length = 0;
    const html = renderToString(wrapRootElement({ ...ssrArgs, element: <Inspector /> }, pluginOptions));
    expect(html).toBe('<output>loading:true:true</output>');
    // On the server every call resolves at once, as a no-op
    await expect(Promise.all(calls)).resolves.toEqual([{ success: true }, { success: true }]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('passes the JSON options to the core (a bad one fails the render loudly)', () => {
    expect(() =>
      renderToString(
        wrapRootElement({ ...ssrArgs, element: <p /> }, { plugins: [], clientId: 'demo', url: 'nope' }),
      ),
    ).toThrow(NinetailedConfigError);
  });
});
