/**
 * The fetch seam of the server client: the part of `fetch` it uses. `globalThis.fetch` (Node
 * 20+, edge runtimes, Deno, Bun) fits; pass your own for a proxy agent or tests.
 *
 * @example
 * ```ts
 * import { NinetailedServer, type ServerFetch } from '@ninetailed/experience.js/server';
 * const fetch: ServerFetch = (url, init) => globalThis.fetch(url, { ...init, cache: 'no-store' } as RequestInit);
 * new NinetailedServer({ clientId: 'demo', fetch });
 * ```
 */
export type ServerFetch = (
  url: string,
  init: {
    method: 'GET' | 'POST';
    headers: Record<string, string>;
    body?: string;
    signal?: AbortSignal;
  },
) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  headers?: { get(name: string): string | null };
}>;
