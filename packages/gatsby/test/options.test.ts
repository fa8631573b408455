import { describe, expect, it, vi } from 'vitest';
import { pagePropertiesFor } from '../src/pagePropertiesFor';
import { toNinetailedOptions } from '../src/toNinetailedOptions';

const page = (pageContext: Record<string, unknown>) => ({
  location: { pathname: '/blog/a/', search: '', hash: '' },
  pageContext,
  data: undefined,
});

describe('toNinetailedOptions', () => {
  it("keeps the core options, drops Gatsby's plugins: [] and the Gatsby-only options", () => {
    const plugin = { name: 'p' };
    const onError = () => {};
    expect(
      toNinetailedOptions(
        {
          plugins: [],
          clientId: 'demo',
          environment: 'main',
          url: 'http://127.0.0.1:3030',
          locale: 'de-DE',
          requestTimeout: 100,
          debug: false,
          consent: 'required',
          privacy: { contactInfo: 'strip' },
          pageContextProperties: ['category'],
          pluginsModule: './x',
          unknown: 1,
        },
        { plugins: [plugin], onError, pageProperties: () => ({}) },
      ),
    ).toEqual({
      clientId: 'demo',
      environment: 'main',
      url: 'http://127.0.0.1:3030',
      locale: 'de-DE',
      requestTimeout: 100,
      debug: false,
      consent: 'required',
      privacy: { contactInfo: 'strip' },
      plugins: [plugin],
      onError,
    });
  });
});

describe('pagePropertiesFor', () => {
  it('copies the listed pageContext keys that are present', () => {
    expect(
      pagePropertiesFor(
        page({ category: 'news', slug: 'a', author: undefined }),
        ['category', 'author', 'x'],
        {},
      ),
    ).toEqual({ category: 'news' });
  });

  it("merges the runtime's pageProperties over them", () => {
    expect(
      pagePropertiesFor(page({ category: 'news' }), ['category'], {
        pageProperties: ({ location }) => ({ category: 'override', path: location.pathname }),
      }),
    ).toEqual({ category: 'override', path: '/blog/a/' });
  });

  it('reports a pageProperties that throws and still gives the pageContext properties', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const boom = new Error('boom');
    expect(
      pagePropertiesFor(page({ category: 'news' }), ['category'], {
        pageProperties: () => {
          throw boom;
        },
      }),
    ).toEqual({ category: 'news' });
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/^\[ninetailed\] pageProperties/), boom);
  });

  it("reports it through the core's logger when given one", () => {
    const logger = { error: vi.fn() };
    const boom = new Error('boom');
    const thrower = {
      pageProperties: () => {
        throw boom;
      },
    };
    expect(pagePropertiesFor(page({}), [], thrower, logger)).toEqual({});
    expect(logger.error).toHaveBeenCalledWith(expect.stringMatching(/^\[ninetailed\] pageProperties/), boom);
  });
});
