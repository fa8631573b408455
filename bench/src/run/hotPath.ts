import { interleave, type Lab, mainThreadMs, openPage, settleRun } from './lab';
import type { Recorder } from './recorder';
import { type Summary, summarize } from './stats';

export type BrowserSdk = 'ours' | 'v7' | 'floor';

/** Hot-path figures of one SDK over N runs. */
export interface HotPathRow {
  sdk: BrowserSdk;
  calls: number;
  /** The synchronous loop of `calls` `track()` calls, ms. */
  loopMs: Summary;
  /** The loop plus the microtasks it queued: until the page could run another task, ms. */
  blockedMs: Summary;
  /** Main-thread busy time from the loop's start until every event reached the server, ms. */
  busyMs: Summary;
  /** `new Ninetailed(...)`, ms. */
  constructMs: Summary;
  /** From before `new Ninetailed(...)` + `page()` to the start of the first request, ms. */
  firstRequestMs: Summary;
  /** Requests the `calls` events took (the recorder's count). */
  requests: Summary;
  /** Events of the burst the recorder received. */
  delivered: Summary;
  /** Runs where not every event reached the server (2 s without a request, or 60 s). */
  incomplete: number;
  errors: string[];
}

/**
 * Hot-path cost in Chromium against the recorder (a server that answers at once): per run, a
 * fresh page constructs the SDK and calls `page()` (time to first request), waits for the
 * profile, then makes `calls` `track()` calls in one loop (loop time; blocked time with the
 * microtasks the calls queued) and waits until the recorder has every event (main-thread busy
 * time over the whole burst). Runs interleave the SDKs; v7 gets at most `v7Runs`.
 *
 * @example
 * ```ts
 * const rows = await hotPath(lab, recorder, 10_000, 2);
 * ```
 */
export async function hotPath(
  lab: Lab,
  recorder: Recorder,
  calls: number,
  v7Runs: number,
): Promise<HotPathRow[]> {
  const sdks: BrowserSdk[] = ['ours', 'v7', 'floor'];
  // v7's work grows with the square of a burst (about 40 s of main thread for 10,000 calls
  // here), so it gets fewer runs to keep the whole bench within minutes.
  const runsOf = (sdk: BrowserSdk) => (sdk === 'v7' ? Math.min(v7Runs, lab.runs) : lab.runs);
  const samples = new Map(
    sdks.map((sdk) => [
      sdk,
      {
        loop: [] as number[],
        blocked: [] as number[],
        busy: [] as number[],
        construct: [] as number[],
        first: [] as number[],
        requests: [] as number[],
        delivered: [] as number[],
        incomplete: 0,
        errors: [] as string[],
      },
    ]),
  );
  for (const { item: sdk, run } of interleave(sdks, lab.runs)) {
    if (run >= runsOf(sdk)) continue;
    const s = samples.get(sdk)!;
    const opened = await openPage(lab, sdk, { api: recorder.url, timeout: 5000 });
    const { page } = opened;
    try {
      const cdp = await opened.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const ttfr = await page.evaluate(() => window.__bench.timeToFirstRequest());
      s.construct.push(ttfr.constructMs);
      if (ttfr.firstRequestMs !== null) s.first.push(ttfr.firstRequestMs);
      await page.evaluate(() => window.__bench.waitReady(5000));
      // Let the page() answer be fully handled before the measured window.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
      recorder.reset();
      const before = await mainThreadMs(cdp);
      const timing = await page.evaluate((n) => window.__bench.trackLoop(n, 'hot'), calls);
      s.loop.push(timing.loopMs);
      s.blocked.push(timing.blockedMs);
      // The recorder never fails a request, so nothing retries: 2 s without one means done.
      const settled = await settleRun({
        expected: calls,
        arrived: async () => recorder.counts().events,
        activity: () => recorder.counts().requests,
        quietMs: 2000,
        maxMs: 60_000,
      });
      if (settled !== 'complete') s.incomplete++;
      // The last answer's handling (parse, profile update) belongs to the burst too.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
      s.busy.push((await mainThreadMs(cdp)) - before);
      s.requests.push(recorder.counts().requests);
      s.delivered.push(recorder.counts().events);
    } finally {
      s.errors.push(...opened.errors);
      await opened.close();
    }
    lab.log(
      `hot path: ${sdk} run ${run + 1}/${runsOf(sdk)}: loop ${s.loop.at(-1)?.toFixed(0)} ms, blocked ${s.blocked.at(-1)?.toFixed(0)} ms`,
    );
  }
  return sdks.map((sdk) => {
    const s = samples.get(sdk)!;
    return {
      sdk,
      calls,
      loopMs: summarize(s.loop),
      blockedMs: summarize(s.blocked),
      busyMs: summarize(s.busy),
      constructMs: summarize(s.construct),
      firstRequestMs: summarize(s.first),
      requests: summarize(s.requests),
      delivered: summarize(s.delivered),
      incomplete: s.incomplete,
      errors: [...new Set(s.errors)],
    };
  });
}
