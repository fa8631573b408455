import type { FetchLike } from '@ninetailed/experience.js';
import { Component, type ReactNode } from 'react';
import { expect, vi } from 'vitest';

/**
 * Silences the error reports React (and jsdom) print for an error a test provokes on
 * purpose, and returns the console.error spy so the test can still assert on it.
 */
export function expectErrorsLogged() {
  const onError = (event: ErrorEvent) => event.preventDefault();
  window.addEventListener('error', onError);
  const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
  return {
    spy,
    restore: () => window.removeEventListener('error', onError),
  };
}

/** Catches a render error so a test can look at it (works the same in React 18 and 19). */
export class Catch extends Component<
  { onError: (error: unknown) => void; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    this.props.onError(error);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** One expected request of a {@link fetchDouble} and the body it answers with. */
export interface ExpectedRequest {
  url: string;
  check?: (body: { events: Array<Record<string, unknown>> }) => void;
  answer: unknown;
}

/**
 * A fetch seam that answers the expected requests in order and fails the test on any other
 * request (an unexpected URL, or one more than expected).
 */
export function fetchDouble(expected: ExpectedRequest[] = []) {
  const requests: Array<{ url: string; body: unknown }> = [];
  const queue = [...expected];
  const fetch: FetchLike = async (url, init) => {
    const body = JSON.parse(init.body) as { events: Array<Record<string, unknown>> };
    requests.push({ url, body });
    const next = queue.shift();
    if (!next) {
      const error = new Error(`[test] unexpected request ${init.method} ${url}`);
      unexpected.push(error);
      throw error;
    }
    expect(url).toBe(next.url);
    next.check?.(body);
    return new Response(JSON.stringify(next.answer), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  const unexpected: Error[] = [];
  return {
    fetch,
    requests,
    /** Fails if a request came that no expectation matched, or an expected one never came. */
    verify() {
      expect(unexpected).toEqual([]);
      expect(queue.map((q) => q.url)).toEqual([]);
    },
  };
}
