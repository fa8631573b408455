import type { FaultProxy, FaultRule } from '@ninetailed/fault-proxy';
import { faults } from '@ninetailed/fault-proxy';
import type { OpenPage } from './lab';

/** A fault scenario: what goes wrong while the page sends its events. */
export interface Scenario {
  id: string;
  title: string;
  /** How the fault is made (for the report). */
  method: string;
  run(ctx: ScenarioContext): Promise<number>;
}

/** What a scenario works with; `run` returns the events the SDK accepted. */
export interface ScenarioContext {
  opened: OpenPage;
  proxy: FaultProxy;
  tag: string;
  seed: number;
  /** Reloads the page (same storage); the page constructs the SDK and calls `page()` on load. */
  reload(): Promise<void>;
}

const BURSTS = 6;
const PER_BURST = 10;
const GAP_MS = 250;
/** `requestTimeout` of both SDKs in the delivery runs, ms. */
export const REQUEST_TIMEOUT = 2000;
// Longer than three backoffs in a row (ours: up to 1 s, 2 s, 4 s), so a retrying SDK is not cut short.
export const QUIET_MS = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` bursts of `PER_BURST` tagged track calls, `GAP_MS` apart, from seq `first * PER_BURST`. */
async function bursts(
  ctx: ScenarioContext,
  first: number,
  count: number,
  between?: (i: number) => Promise<void>,
) {
  let accepted = 0;
  for (let i = first; i < first + count; i++) {
    await between?.(i);
    accepted += await ctx.opened.page.evaluate(([n, tag, from]) => window.__bench.burst(n, tag, from), [
      PER_BURST,
      ctx.tag,
      i * PER_BURST,
    ] as const);
    await sleep(GAP_MS);
  }
  return accepted;
}

function withRules(rules: (seed: number) => FaultRule[]): Scenario['run'] {
  return async (ctx) => {
    ctx.proxy.setRules(rules(ctx.seed), ctx.seed);
    return bursts(ctx, 0, BURSTS);
  };
}

/** The scenarios, in report order. */
export const SCENARIOS: Scenario[] = [
  {
    id: '5xx',
    title: '30% 5xx',
    method: '30% of requests answer 503 (seeded schedule), never reaching the server',
    run: withRules(() => [faults.serverErrors(0.3, 503)]),
  },
  {
    id: '429',
    title: '429 + Retry-After',
    method: 'the first 3 requests answer 429 with `Retry-After: 1`',
    run: withRules(() => [faults.tooManyRequests({ retryAfter: 1, to: 3 })]),
  },
  {
    id: 'timeouts',
    title: 'timeouts',
    method: `the 1st request is applied but answered after 4 s, the 2nd hangs (never reaches the server); requestTimeout ${REQUEST_TIMEOUT} ms for both SDKs`,
    run: withRules(() => [
      faults.delay(4000, 1, { applied: true, from: 0, to: 1 }),
      faults.hang(1, { from: 1, to: 2 }),
    ]),
  },
  {
    id: 'refused',
    title: 'server unreachable 2 s',
    method: 'the proxy refuses connections for 2 s from the 2nd burst (navigator.onLine stays true)',
    run: (ctx) =>
      bursts(ctx, 0, BURSTS, async (i) => {
        if (i === 1) void ctx.proxy.offlineFor(2000);
      }),
  },
  {
    id: 'offline',
    title: 'browser offline 2 s',
    method: 'Chromium goes offline (`context.setOffline`) for 2 s from the 2nd burst',
    run: async (ctx) => {
      const { context } = ctx.opened;
      let back: Promise<void> | null = null;
      const accepted = await bursts(ctx, 0, BURSTS, async (i) => {
        if (i === 1) {
          await context.setOffline(true);
          back = sleep(2000).then(() => context.setOffline(false));
        }
      });
      await back;
      return accepted;
    },
  },
  {
    id: 'reload',
    title: 'reload with events pending',
    method:
      'requests hang while 30 events are sent; the page reloads (the app calls `page()` on load) and the server recovers',
    run: async (ctx) => {
      ctx.proxy.setRules([faults.hang(1)]);
      const accepted = await bursts(ctx, 0, 3);
      await ctx.proxy.waitForRequests(1, 5000).catch(() => {});
      ctx.proxy.setRules([]);
      await ctx.reload();
      return accepted;
    },
  },
  {
    id: 'close',
    title: 'tab closed with events pending',
    method:
      'a slow network (every request is forwarded after 1 s, and not at all if the browser drops it); 10 events, 100 ms later 20 more, then the tab closes at once: only unload delivery (keepalive / sendBeacon) can save them',
    run: async (ctx) => {
      ctx.proxy.setRules([faults.delay(1000, 1)]);
      const { page } = ctx.opened;
      let accepted = await page.evaluate(([n, tag]) => window.__bench.burst(n, tag, 0), [
        PER_BURST,
        ctx.tag,
      ] as const);
      await sleep(100);
      accepted += await page.evaluate(([n, tag, from]) => window.__bench.burst(n, tag, from), [
        2 * PER_BURST,
        ctx.tag,
        PER_BURST,
      ] as const);
      await page.close({ runBeforeUnload: true });
      return accepted;
    },
  },
];
