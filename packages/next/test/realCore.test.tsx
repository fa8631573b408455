import {
  type FetchLike,
  memoryStorage,
  Ninetailed,
  NinetailedDeliveryError,
} from '@ninetailed/experience.js';
import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NinetailedProvider } from '../src';
import { navigate, renderInRouter as render, startAt } from './nextMocks';

vi.mock('next/navigation', async () => (await import('./nextMocks')).navigationMock);
vi.mock('next/compat/router', async () => (await import('./nextMocks')).compatRouterMock);

const API = 'http://127.0.0.1:9';
const PROFILES = `${API}/v2/organizations/demo/environments/main/profiles`;

/** An Experience API that refuses every event (400 ERR_INVALID_DATA), recording the paths. */
function refusingApi() {
  const pages: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    expect(url).toBe(PROFILES);
    const { events } = JSON.parse(init.body) as {
      events: Array<{ type: string; properties: { path: string } }>;
    };
    for (const event of events) pages.push(`${event.type} ${event.properties.path}`);
    return new Response(
      JSON.stringify({ message: 'Invalid event', data: {}, error: { code: 'ERR_INVALID_DATA' } }),
      { status: 400, headers: { 'content-type': 'application/json' } },
    );
  };
  return { fetch, pages };
}

const unhandled = vi.fn();
beforeEach(() => {
  startAt('app', '/', 'Home');
  process.on('unhandledRejection', unhandled);
});
afterEach(() => {
  process.off('unhandledRejection', unhandled);
  unhandled.mockReset();
});

describe('with the real core', () => {
  it('leaves no unhandled rejection when the API refuses the page events (a failed FlushResult)', async () => {
    const api = refusingApi();
    const onError = vi.fn();
    const ninetailed = new Ninetailed({
      clientId: 'demo',
      url: API,
      fetch: api.fetch,
      storage: memoryStorage(),
      onError,
    });
    // The core answers a refused call with a failed FlushResult (v7's shape), never a rejection.
    const refused = await ninetailed.page();
    expect(refused.success).toBe(false);
    expect(refused.error).toBeInstanceOf(NinetailedDeliveryError);
    render(<NinetailedProvider ninetailed={ninetailed}>page</NinetailedProvider>);
    navigate('/blog?category=news', 'Blog');
    await act(() => ninetailed.flush());
    // A macrotask: Node reports unhandled rejections once the microtasks have run.
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(api.pages).toEqual(['page /', 'page /', 'page /blog']);
    // Reported through onError (one report per refused request).
    expect(onError).toHaveBeenCalled();
    for (const [error] of onError.mock.calls) expect(error).toMatchObject({ status: 400 });
    expect(unhandled).not.toHaveBeenCalled();
  });
});
