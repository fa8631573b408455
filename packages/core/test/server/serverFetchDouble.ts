import { expect, onTestFinished, vi } from 'vitest';
import type { ServerFetch } from '../../src/server/index';
import { profile } from '../helpers';

export const API = 'https://experience.ninetailed.co/v2/organizations/demo/environments/main';
export const NOW = Date.parse('2025-03-01T12:00:00.000Z');
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Init = Parameters<ServerFetch>[1];
type Reply = Awaited<ReturnType<ServerFetch>>;

/** One request the double saw, its body parsed. */
export interface SeenRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: { events: Array<Record<string, unknown>>; options: Record<string, unknown> } | undefined;
  signal: AbortSignal | undefined;
  at: number;
}

// The same full profile the browser client's tests use.
export { profile };

export function ok(data: unknown): Reply {
  return { ok: true, status: 200, json: async () => ({ data, message: 'ok', error: null }) };
}

export function okProfile(id: string, extra: Record<string, unknown> = {}): Reply {
  return ok({ profile: profile(id), experiences: [], changes: [], ...extra });
}

export function fail(status: number, code: string, retryAfter?: string): Reply {
  return {
    ok: false,
    status,
    json: async () => ({ message: `server says ${code}`, data: {}, error: { code } }),
    headers: { get: (name) => (name.toLowerCase() === 'retry-after' ? (retryAfter ?? null) : null) },
  };
}

/** A request that never answers; rejects like `fetch` when aborted (unless `ignoreAbort`). */
export function hang(request: SeenRequest, ignoreAbort = false): Promise<Reply> {
  return new Promise((_, reject) => {
    if (!ignoreAbort) {
      request.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    }
  });
}

/**
 * A fetch double that answers from a queue of handlers, one per expected request, and fails
 * the test on any request it does not expect (and on an expected one that never came).
 */
export function fetchDouble() {
  const seen: SeenRequest[] = [];
  const unexpected: string[] = [];
  const queue: Array<(request: SeenRequest) => Reply | Promise<Reply>> = [];
  const fetch = vi.fn(async (url: string, init: Init) => {
    const request: SeenRequest = {
      url,
      method: init.method,
      headers: init.headers,
      body: init.body === undefined ? undefined : JSON.parse(init.body),
      signal: init.signal,
      at: Date.now(),
    };
    seen.push(request);
    const handler = queue.shift();
    if (!handler) {
      unexpected.push(`${init.method} ${url}`);
      throw new Error(`unexpected request ${init.method} ${url}`);
    }
    return handler(request);
  });
  onTestFinished(() => {
    expect(unexpected, 'unexpected requests').toEqual([]);
    expect(queue.length, 'expected requests that never came').toBe(0);
  });
  return {
    fetch: fetch as ServerFetch & typeof fetch,
    seen,
    /** Queues the answer of the next request. */
    next(handler: Reply | ((request: SeenRequest) => Reply | Promise<Reply>)) {
      queue.push(typeof handler === 'function' ? handler : () => handler);
      return this;
    },
  };
}
