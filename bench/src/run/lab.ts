import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { PageName } from './bundles';
import type { PageServer } from './pageServer';

/** What every browser benchmark shares: one Chromium, the page server, the run count. */
export interface Lab {
  browser: Browser;
  pages: PageServer;
  /** Runs per measurement and SDK. */
  runs: number;
  /** Prints progress (to stderr). */
  log(message: string): void;
}

/** A fresh browser context (empty storage: a new visitor) with one page on a bench page. */
export interface OpenPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

/**
 * Opens `name` in a fresh context with `query` (api, timeout, auto). Page errors are collected,
 * not thrown: a benchmark reports them.
 *
 * @example
 * ```ts
 * const { page, close } = await openPage(lab, 'ours', { api: recorder.url });
 * ```
 */
export async function openPage(
  lab: Lab,
  name: PageName,
  query: Record<string, string | number>,
): Promise<OpenPage> {
  const ctx = await lab.browser.newContext();
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(lab.pages.pageUrl(name, query));
  return { context: ctx, page, errors, close: () => ctx.close() };
}

/**
 * Main-thread busy time of a page so far, in milliseconds: Chromium's `TaskDuration` (every
 * task the renderer's main thread ran: script, microtasks, parsing answers, GC).
 *
 * @example
 * ```ts
 * const before = await mainThreadMs(cdp); // ... work ...
 * const busy = (await mainThreadMs(cdp)) - before;
 * ```
 */
export async function mainThreadMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
}

/**
 * Polls `check` every `intervalMs` until it is true or `timeoutMs` passed; resolves its last value.
 *
 * @example
 * ```ts
 * await until(() => recorder.counts().events >= 10_000, 30_000);
 * ```
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 20,
): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= end) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Interleaves runs (a, b, c, a, b, c, ...) so that machine noise hits every SDK alike. */
export function interleave<T>(items: readonly T[], runs: number): { item: T; run: number }[] {
  const out: { item: T; run: number }[] = [];
  for (let run = 0; run < runs; run++) for (const item of items) out.push({ item, run });
  return out;
}

/** How a run ended its wait: everything arrived, nothing moved for a while, or the time cap. */
export type SettleReason = 'complete' | 'quiet' | 'timeout';

/**
 * Waits until a run is over: `arrived()` reaches `expected`; or `activity()` (for example the
 * proxy's request count) has not moved for `quietMs`; or `maxMs`. The quiet window must outlast
 * the longest retry backoff a scenario provokes (ours: 1 s, 2 s, 4 s... with jitter), or a
 * retrying SDK is cut short. (The SDKs' own `flush()` cannot tell: ours resolves it while a
 * retry is scheduled, and v7 has none.)
 *
 * @example
 * ```ts
 * await settleRun({ expected: 60, arrived: () => count(), activity: () => proxy.log.length });
 * ```
 */
export async function settleRun(options: {
  expected: number;
  arrived: () => Promise<number>;
  activity: () => number;
  quietMs: number;
  maxMs: number;
}): Promise<SettleReason> {
  const { expected, arrived, activity, quietMs, maxMs } = options;
  let last = -1;
  let since = Date.now();
  let reason: SettleReason = 'timeout';
  await until(
    async () => {
      if ((await arrived()) >= expected) {
        reason = 'complete';
        return true;
      }
      const now = activity();
      if (now !== last) {
        last = now;
        since = Date.now();
      }
      if (Date.now() - since < quietMs) return false;
      reason = 'quiet';
      return true;
    },
    maxMs,
    100,
  );
  return reason;
}
