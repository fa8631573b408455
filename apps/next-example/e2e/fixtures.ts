import { type LogEntry, type RunningServer, startTemporaryServer } from '@ninetailed/experience-api';
import { test as base, expect, type PlaywrightWorkerArgs, type TestInfo } from '@playwright/test';

/** The Experience API URL baked into the build (see lib/ninetailed.ts). */
export const BUILT_IN_API = process.env.NEXT_PUBLIC_NINETAILED_URL || 'http://127.0.0.1:3030';

/** An event as the local Experience API logged it (`server.events()`). */
export type LoggedEvent = LogEntry;

export interface Api {
  server: RunningServer;
  /** Every event the API accepted, in order. */
  events(): Promise<LoggedEvent[]>;
  /** The page events, as `[path + search, title, custom properties]`. */
  pages(): Promise<Array<[string, string, Record<string, unknown>]>>;
}

const PAGE_FIELDS = new Set(['url', 'path', 'search', 'query', 'referrer', 'title']);

/**
 * `pageErrors` (automatic): the page's uncaught exceptions and unhandled rejections, which must
 * stay empty. `api`: a fresh local Experience API for each test (port 0, a temporary SQLite file), and the
 * test's browser pointed at it. The app was built with the default API URL
 * (http://127.0.0.1:3030, NEXT_PUBLIC_ variables are inlined at build time), so the browser's
 * requests to that origin are routed to this API: the built app runs unchanged, and a demo API
 * on 3030 (if one runs) is never touched.
 */
export const test = base.extend<{ api: Api; pageErrors: string[] }>({
  // Every test fails on an uncaught exception or an unhandled promise rejection in the page.
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'uncaught exceptions or unhandled rejections in the page').toEqual([]);
    },
    { auto: true },
  ],

  api: async ({ context }, use) => {
    const server = await startTemporaryServer();
    await context.route(
      (url) => url.origin === new URL(BUILT_IN_API).origin,
      (route) => {
        const url = new URL(route.request().url());
        return route.continue({ url: server.url + url.pathname + url.search });
      },
    );
    const events = () => server.events();
    const pages = async () =>
      (await events())
        .filter(({ event }) => event.type === 'page')
        .map(({ event }): [string, string, Record<string, unknown>] => {
          const p = event.properties ?? {};
          const custom = Object.fromEntries(Object.entries(p).filter(([key]) => !PAGE_FIELDS.has(key)));
          return [`${p.path}${p.search}`, String(p.title), custom];
        });
    await use({ server, events, pages });
    await server.close();
  },
});

export { expect };

/**
 * `next dev` compiles a route on its first request: in the `dev` project, request every route a
 * spec visits before the browser does (each request returns once its route is compiled), so that
 * no compilation (and no Fast Refresh reload) happens in the middle of a test. Call it from a
 * `beforeAll`.
 */
export async function warmUpDevRoutes(
  playwright: PlaywrightWorkerArgs['playwright'],
  testInfo: TestInfo,
  routes: string[],
): Promise<void> {
  if (testInfo.project.name !== 'dev') return;
  testInfo.setTimeout(180_000);
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  for (const route of routes) {
    const response = await request.get(route, { timeout: 120_000 });
    expect(response.status(), route).toBe(200);
  }
  await request.dispose();
}
