import type { RunningServer } from '@ninetailed/experience-api';
import { startFaultProxy } from '@ninetailed/fault-proxy';
import { clearLog, countRun } from './apiEvents';
import type { BrowserSdk } from './hotPath';
import { interleave, type Lab, openPage, until } from './lab';
import { type Summary, summarize } from './stats';

/** Network figures of one SDK for a burst of events, over N runs. */
export interface NetworkRow {
  sdk: BrowserSdk;
  events: number;
  /** Requests (CORS preflights excluded) the burst took. */
  requests: Summary;
  /** CORS preflights the burst caused. */
  preflights: Summary;
  /** Bytes the browser sent on the wire (request lines, headers, bodies), all requests. */
  bytesOut: Summary;
  /** Events of the burst the server applied. */
  delivered: Summary;
  /** Answers by status, summed over the runs (for example 400 when a request is over the API's limits). */
  statuses: Record<number, number>;
}

/**
 * Network efficiency in Chromium against the local Experience API (SQLite), through a
 * transparent fault proxy that counts requests and wire bytes: per run a fresh page loads the
 * SDK, sends `page()`, waits for the profile, then makes `events` `track()` calls in one burst;
 * counted until the server has them all, or 3 s without a request.
 *
 * @example
 * ```ts
 * const rows = await networkEfficiency(lab, api, 1000);
 * ```
 */
export async function networkEfficiency(lab: Lab, api: RunningServer, events: number): Promise<NetworkRow[]> {
  const sdks: BrowserSdk[] = ['ours', 'v7', 'floor'];
  const proxy = await startFaultProxy({ target: api.url });
  const samples = new Map(
    sdks.map((sdk) => [
      sdk,
      {
        requests: [] as number[],
        preflights: [] as number[],
        bytes: [] as number[],
        delivered: [] as number[],
        statuses: {} as Record<number, number>,
      },
    ]),
  );
  try {
    for (const { item: sdk, run } of interleave(sdks, lab.runs)) {
      const s = samples.get(sdk)!;
      await clearLog(api.url);
      const opened = await openPage(lab, sdk, { api: proxy.url, timeout: 5000 });
      try {
        await opened.page.evaluate(() => {
          window.__bench.init();
          window.__bench.page().catch(() => {});
        });
        await opened.page.evaluate(() => window.__bench.waitReady(5000));
        await proxy.idle();
        proxy.reset();
        const tag = `net-${sdk}-${run}`;
        await opened.page.evaluate(([n, t]) => window.__bench.burst(n, t, 0), [events, tag] as const);
        let delivered = 0;
        let lastRequests = -1;
        let quietSince = Date.now();
        await until(
          async () => {
            delivered = (await countRun(api.url, tag)).delivered;
            const { requests } = proxy.stats();
            if (requests !== lastRequests) {
              lastRequests = requests;
              quietSince = Date.now();
            }
            return delivered >= events || Date.now() - quietSince > 3000;
          },
          30_000,
          100,
        );
        await proxy.idle();
        const stats = proxy.stats();
        s.requests.push(stats.requests);
        s.preflights.push(stats.preflights);
        s.bytes.push(stats.bytesIn);
        s.delivered.push(delivered);
        for (const [status, n] of Object.entries(stats.statuses)) {
          s.statuses[Number(status)] = (s.statuses[Number(status)] ?? 0) + n;
        }
      } finally {
        await opened.close();
      }
      lab.log(`network: ${sdk} run ${run + 1}/${lab.runs}: ${s.requests.at(-1)} requests`);
    }
  } finally {
    await proxy.close();
  }
  return sdks.map((sdk) => {
    const s = samples.get(sdk)!;
    return {
      sdk,
      events,
      requests: summarize(s.requests),
      preflights: summarize(s.preflights),
      bytesOut: summarize(s.bytes),
      delivered: summarize(s.delivered),
      statuses: s.statuses,
    };
  });
}
