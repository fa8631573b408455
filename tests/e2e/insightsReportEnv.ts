import { readFileSync } from 'node:fs';
import {
  type ExperienceConfig,
  murmur3,
  type RunningServer,
  startTemporaryServer,
} from '@ninetailed/experience-api';
import { type FaultProxy, startFaultProxy } from '@ninetailed/fault-proxy';
import { type BrowserContext, test as base, type Page } from '@playwright/test';
import { startSite } from './fixtures';

const PAGE = readFileSync(new URL('insightsReport.html', import.meta.url), 'utf8');

/** The Insights ingest path the SDK posts to (`insightsUrl` + this). */
export const INGEST_PATH = '/v1/organizations/demo/environments/main/events';

/**
 * One environment with the experiment the page shows (`cta-test`: baseline `cta-default`
 * against `cta-bold`, half the visitors each) and the metric the report counts (`signup`).
 */
export const CONFIG: ExperienceConfig = {
  organizations: {
    demo: {
      environments: {
        main: {
          metrics: [{ id: 'signup', name: 'Signed up', event: 'signup' }],
          audiences: [],
          experiences: [
            {
              id: 'cta-test',
              type: 'nt_experiment',
              name: 'Call to action copy',
              trafficAllocation: 1,
              distribution: [
                { index: 0, start: 0, end: 0.5 },
                { index: 1, start: 0.5, end: 1 },
              ],
              sticky: false,
              components: [
                {
                  type: 'EntryReplacement',
                  baseline: { id: 'cta-default' },
                  variants: [{ id: 'cta-bold', hidden: false }],
                },
              ],
            },
          ],
        },
      },
    },
  },
};

/**
 * The variant a profile's `stableId` falls in (protocol section 8):
 * `murmur3("distribution-cta-test-<stableId>") / (2^32 - 1)`, 0 up to 0.5 included, else 1.
 */
export function expectedVariant(stableId: string): number {
  return murmur3(`distribution-cta-test-${stableId}`, 0) / 4294967295 <= 0.5 ? 0 : 1;
}

/** What the page knows of its visitor once its page view is answered (`window.visitor`). */
export interface Visitor {
  profileId: string;
  stableId: string;
  variantIndex: number;
  componentId: string;
}

interface Env {
  /** The local Experience API (SQLite in a temp dir) with {@link CONFIG}. */
  api: RunningServer;
  /** A transparent proxy in front of the API that the page talks to: its log is the wire. */
  tap: FaultProxy;
  site: { url: string };
}

export const test = base.extend<{
  env: Env;
  /** Opens the page in a new tab of `context` (a visitor) and waits for its profile and selection. */
  visit: (context: BrowserContext) => Promise<{ tab: Page; visitor: Visitor }>;
}>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  env: async ({}, use) => {
    // Ids in sequence instead of random ones: the same split of visitors between the variants
    // on every run (the split still comes from the stable ids, by the server's selection).
    let next = 0;
    const newId = () => `00000000-0000-4000-8000-${(++next).toString(16).padStart(12, '0')}`;
    const api = await startTemporaryServer({ config: CONFIG, newId });
    const tap = await startFaultProxy({ target: api.url });
    const site = await startSite(PAGE);
    await use({ api, tap, site });
    await site.close();
    await tap.close();
    await api.close();
  },
  visit: async ({ env }, use) => {
    await use(async (context) => {
      const tab = await context.newPage();
      await tab.goto(`${env.site.url}/?api=${encodeURIComponent(env.tap.url)}`);
      const handle = await tab.waitForFunction(() => (window as unknown as { visitor?: Visitor }).visitor);
      return { tab, visitor: (await handle.jsonValue()) as Visitor };
    });
  },
});

export { expect } from '@playwright/test';

/**
 * The report of `cta-test` over HTTP (`GET …/insights/experiences?metric=signup&from&to`): the
 * response's `data`, untyped (the API does not export its report types).
 */
export async function fetchReport(api: RunningServer, from: Date, to: Date): Promise<unknown> {
  const query = new URLSearchParams({ metric: 'signup', from: from.toISOString(), to: to.toISOString() });
  const response = await fetch(
    `${api.url}/v2/organizations/demo/environments/main/insights/experiences?${query}`,
  );
  if (!response.ok)
    throw new Error(`[ninetailed] report answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { data: unknown }).data;
}

/** One event of an Insights body, as read off the wire. */
export type WireEvent = Record<string, unknown> & { type: string; messageId: string };

/**
 * The Insights requests the page sent through the tap: whether each reached the API, the status
 * the page got (`null` when the tab or context had gone before the answer), and the events.
 */
export function insightsRequests(
  tap: FaultProxy,
): Array<{ forwarded: boolean; status: number | null; events: WireEvent[] }> {
  return tap.log
    .filter((request) => request.method === 'POST' && request.path === INGEST_PATH)
    .map((request) => ({
      forwarded: request.forwarded,
      status: request.status,
      events: (JSON.parse(request.body) as Array<{ events: WireEvent[] }>).flatMap((batch) => batch.events),
    }));
}

/** Calls `nt.track(name)` in the page. */
export async function trackInPage(tab: Page, name: string): Promise<void> {
  await tab.evaluate(async (event) => {
    await (window as unknown as { nt: { track(name: string): Promise<unknown> } }).nt.track(event);
  }, name);
}

/** Waits until the page's clock is `ms` past the moment its first view counted. */
export async function waitAfterView(tab: Page, ms: number): Promise<void> {
  await tab.waitForFunction(
    (after) =>
      Date.now() >= (window as unknown as { viewed: Array<{ seenAt: number }> }).viewed[0]!.seenAt + after,
    ms,
  );
}

/** Starts watching the call to action and waits for its view to count; returns the view's `viewId`. */
export async function watchUntilViewed(tab: Page): Promise<string> {
  await tab.evaluate(() => (window as unknown as { watch(): void }).watch());
  const handle = await tab.waitForFunction(
    () => (window as unknown as { viewed: Array<{ viewId: string }> }).viewed[0]?.viewId,
  );
  return (await handle.jsonValue()) as string;
}
