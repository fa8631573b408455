import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize } from 'node:path';
import { type LogEntry, type RunningServer, startTemporaryServer } from '@ninetailed/experience-api';
import { type FaultProxy, type FaultRule, startFaultProxy } from '@ninetailed/fault-proxy';
import { test as base, expect, type Page } from '@playwright/test';

// The core's built `dist/`, found as the package resolves (turbo's `^build` makes it).
const DIST = join(
  dirname(createRequire(import.meta.url).resolve('@ninetailed/experience.js/package.json')),
  'dist/',
);
const PAGE = readFileSync(new URL('page.html', import.meta.url), 'utf8');
const TYPES: Record<string, string> = { '.mjs': 'text/javascript', '.map': 'application/json' };

/**
 * Serves a test page (`page.html` unless told) at `/` and the built core (`dist/`, unbundled ES
 * modules) on 127.0.0.1: another origin than the API's, as in production, so CORS is exercised.
 *
 * @example
 * const site = await startSite(readFileSync(new URL('insightsReport.html', import.meta.url), 'utf8'));
 * await tab.goto(`${site.url}/?api=${encodeURIComponent(api.url)}`);
 * await site.close();
 */
export async function startSite(page = PAGE) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end(page);
    }
    const file = normalize(join(DIST, path.replace(/^\/dist\//, '')));
    if (!path.startsWith('/dist/') || !file.startsWith(DIST)) return void res.writeHead(404).end();
    try {
      const text = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/plain' });
      res.end(text);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One event as the local API logged it. */
export type Applied = LogEntry;

interface Env {
  api: RunningServer;
  proxy: FaultProxy;
  site: { url: string };
}

export const test = base.extend<
  {
    /**
     * Sets the proxy's fault rules for this test (`@ninetailed/fault-proxy`: first match wins,
     * request indexes count from 0 per test, preflights excluded). Reset to none before each test.
     */
    faults: (rules: readonly FaultRule[], seed?: number) => void;
    /** Opens the test page in a new tab of this test's context; the SDK talks through the proxy. */
    openTab: (page?: Page) => Promise<Page>;
    /** The events the API applied (`all`: duplicates too, flagged). */
    applied: (all?: boolean) => Promise<Applied[]>;
  },
  { env: Env }
>({
  env: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      const api = await startTemporaryServer();
      const proxy = await startFaultProxy({ target: api.url });
      const site = await startSite();
      await use({ api, proxy, site });
      await site.close();
      await proxy.close();
      await api.close();
    },
    { scope: 'worker' },
  ],
  faults: async ({ env }, use) => {
    await env.api.clearEvents();
    env.proxy.setRules([]);
    env.proxy.reset();
    await use((rules, seed) => env.proxy.setRules(rules, seed));
    env.proxy.setRules([]);
    env.proxy.releaseHeld();
  },
  openTab: async ({ env, page }, use) => {
    await use(async (tab = page) => {
      await tab.goto(`${env.site.url}/?api=${encodeURIComponent(env.proxy.url)}`);
      await tab.waitForFunction(() => (window as unknown as { nt?: unknown }).nt !== undefined);
      return tab;
    });
  },
  applied: async ({ env }, use) => {
    await use((all = false) => env.api.events({ all }));
  },
});

export { expect };

/** Calls made in the page: `track(name)` for each name, awaited one by one; returns their messageIds. */
export async function track(tab: Page, names: string[]): Promise<string[]> {
  return tab.evaluate(async (list) => {
    const w = window as unknown as {
      nt: { track(name: string): Promise<void> };
      sent: string[];
    };
    const before = w.sent.length;
    for (const name of list) await w.nt.track(name);
    return w.sent.slice(before);
  }, names);
}
