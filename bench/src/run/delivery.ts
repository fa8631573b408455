import { type RunningServer, startServer } from '@ninetailed/experience-api';
import { type FaultProxy, startFaultProxy } from '@ninetailed/fault-proxy';
import { clearLog, countRun, type DeliveryCount } from './apiEvents';
import { type Lab, openPage, type SettleReason, settleRun } from './lab';
import { QUIET_MS, REQUEST_TIMEOUT, SCENARIOS, type Scenario, type ScenarioContext } from './scenarios';
import { type Summary, summarize } from './stats';

/** Delivery figures of one SDK in one scenario, over N runs. */
export interface DeliveryRow {
  scenario: string;
  sdk: 'ours' | 'v7';
  accepted: Summary;
  delivered: Summary;
  /** delivered / accepted, in percent. */
  deliveredPct: Summary;
  duplicatesApplied: Summary;
  duplicatesDropped: Summary;
  /** Requests the proxy saw (retries included). */
  requests: Summary;
  /** Requests the fault proxy answered with a fault (refused connections are not seen, so not counted). */
  faulted: Summary;
  /** How each run's wait ended (see `settleRun`). */
  settled: SettleReason[];
  errors: string[];
}

interface Rig {
  sdk: 'ours' | 'v7';
  api: RunningServer;
  proxy: FaultProxy;
}

/**
 * Delivery under faults in Chromium: per scenario and run, ours and v7 run side by side (each
 * with its own local Experience API on SQLite and its own fault proxy, same seed), a fresh
 * page loads the SDK (`page()`, profile), then the scenario sends tagged events while the
 * fault happens. Then it waits until every accepted event is on the server, or 5 s pass with
 * no request, 25 s at most (`settleRun`), and counts from the server's log: events delivered, duplicates
 * applied (the same call applied twice: a retry with a new messageId), duplicates the server
 * dropped (same messageId).
 *
 * @example
 * ```ts
 * const rows = await delivery(lab, DEMO_CONFIG, dbDir, 2);
 * ```
 */
export async function delivery(
  lab: Lab,
  config: string,
  dbDir: string,
  runs: number,
  only?: string[],
): Promise<DeliveryRow[]> {
  const rigs: Rig[] = [];
  for (const sdk of ['ours', 'v7'] as const) {
    const api = await startServer({
      port: 0,
      databaseFile: `${dbDir}/delivery-${sdk}.db`,
      config,
      logger: false,
    });
    rigs.push({ sdk, api, proxy: await startFaultProxy({ target: api.url }) });
  }
  const rows: DeliveryRow[] = [];
  try {
    for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.id))) {
      const samples = new Map(
        rigs.map((rig) => [
          rig.sdk,
          [] as (DeliveryCount & {
            accepted: number;
            requests: number;
            faulted: number;
            settled: SettleReason;
          })[],
        ]),
      );
      const errors = new Map(rigs.map((rig) => [rig.sdk, [] as string[]]));
      for (let run = 0; run < runs; run++) {
        await Promise.all(
          rigs.map(async (rig) => {
            try {
              samples.get(rig.sdk)!.push(await runOnce(lab, rig, scenario, run));
            } catch (error) {
              errors.get(rig.sdk)!.push(String(error));
            }
          }),
        );
        const [ours, v7] = rigs.map((rig) => samples.get(rig.sdk)!.at(-1));
        lab.log(
          `delivery ${scenario.id} run ${run + 1}/${runs}: ours ${ours?.delivered}/${ours?.accepted}, v7 ${v7?.delivered}/${v7?.accepted}`,
        );
      }
      for (const rig of rigs) {
        const s = samples.get(rig.sdk)!;
        rows.push({
          scenario: scenario.id,
          sdk: rig.sdk,
          accepted: summarize(s.map((x) => x.accepted)),
          delivered: summarize(s.map((x) => x.delivered)),
          deliveredPct: summarize(s.map((x) => (x.accepted ? (100 * x.delivered) / x.accepted : 100))),
          duplicatesApplied: summarize(s.map((x) => x.duplicatesApplied)),
          duplicatesDropped: summarize(s.map((x) => x.duplicatesDropped)),
          requests: summarize(s.map((x) => x.requests)),
          faulted: summarize(s.map((x) => x.faulted)),
          settled: s.map((x) => x.settled),
          errors: [...new Set(errors.get(rig.sdk))],
        });
      }
    }
  } finally {
    for (const rig of rigs) {
      await rig.proxy.close();
      await rig.api.close();
    }
  }
  return rows;
}

async function runOnce(lab: Lab, rig: Rig, scenario: Scenario, run: number) {
  const { api, proxy } = rig;
  const tag = `delivery-${scenario.id}-${rig.sdk}-${run}`;
  const query = { api: proxy.url, timeout: REQUEST_TIMEOUT, auto: 1 };
  await clearLog(api.url);
  proxy.setRules([]);
  const opened = await openPage(lab, rig.sdk, query);
  try {
    await opened.page.evaluate(() => window.__bench.waitReady(5000));
    await proxy.idle();
    proxy.reset();
    const ctx: ScenarioContext = {
      opened,
      proxy,
      tag,
      seed: run + 1,
      async reload() {
        await opened.page.reload();
      },
    };
    const accepted = await scenario.run(ctx);
    const settled = await settleRun({
      expected: accepted,
      arrived: async () => (await countRun(api.url, tag)).delivered,
      activity: () => proxy.log.length,
      quietMs: QUIET_MS,
      maxMs: 25_000,
    });
    // Late copies of applied-then-delayed requests still count as duplicates.
    await proxy.idle();
    const count = await countRun(api.url, tag);
    const stats = proxy.stats();
    const faulted = Object.values(stats.faults).reduce((a, b) => a + b, 0);
    return { ...count, accepted, requests: stats.requests, faulted, settled };
  } finally {
    proxy.setRules([]);
    proxy.releaseHeld();
    await proxy.setOffline(false);
    await opened.context.close();
  }
}
