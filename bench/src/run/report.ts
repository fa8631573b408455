import type { BundleRow } from './bundleSize';
import type { DeliveryRow } from './delivery';
import type { HotPathRow } from './hotPath';
import type { NetworkRow } from './network';
import type { RenderRow } from './renderCount';
import { SCENARIOS } from './scenarios';
import type { ServerResult } from './serverThroughput';
import type { Summary } from './stats';

/** Everything one bench run produced (also written as results.json). */
export interface Results {
  date: string;
  durationSeconds: number;
  machine: {
    cpu: string;
    cores: number;
    memoryGb: number;
    os: string;
    node: string;
    chromium: string | null;
    loadBefore: number;
    loadAfter: number;
  };
  options: {
    runs: number;
    deliveryRuns: number;
    source: boolean;
    hotPathCalls: number;
    v7HotRuns: number;
    burstEvents: number;
  };
  versions: { ours: string; v7: string };
  bundle?: BundleRow[];
  hotPath?: HotPathRow[];
  network?: NetworkRow[];
  render?: RenderRow[];
  delivery?: DeliveryRow[];
  server?: ServerResult;
  targets: Target[];
  notRun: string[];
}

/** One of the issue's targets and whether this run met it. */
export interface Target {
  name: string;
  target: string;
  measured: string;
  met: boolean | null;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const num = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const times = (n: number) =>
  Number.isFinite(n) ? `${n >= 10 ? n.toFixed(0) : n >= 1 ? n.toFixed(1) : n.toFixed(2)}×` : 'n/a';
const mmm = (s: Summary | undefined, digits = 1) =>
  s?.runs.length ? `${num(s.min, digits)} / ${num(s.median, digits)} / ${num(s.max, digits)}` : 'n/a';
const table = (head: string[], rows: string[][], align?: string[]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${(align ?? head.map((_, i) => (i === 0 ? '---' : '---:'))).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

/**
 * The issue's targets, judged on this run's medians.
 *
 * @example
 * ```ts
 * const targets = judgeTargets(results);
 * ```
 */
export function judgeTargets(r: Omit<Results, 'targets'>): Target[] {
  const targets: Target[] = [];
  const core = (sdk: string) => r.bundle?.find((b) => b.entry === 'core' && b.sdk === sdk);
  const [ours, v7] = [core('ours'), core('v7')];
  if (ours && v7) {
    const ratio = v7.gzip / ours.gzip;
    targets.push({
      name: 'core entry size',
      target: '≥ 8× smaller than v7',
      measured: `${times(ratio)} (${kb(ours.gzip)} vs ${kb(v7.gzip)})`,
      met: ratio >= 8,
    });
  }
  const experienceApp = (sdk: string) => r.bundle?.find((b) => b.entry === 'experiences' && b.sdk === sdk);
  const [eOurs, eV7] = [experienceApp('ours'), experienceApp('v7')];
  if (eOurs && eV7) {
    const ratio = eV7.gzip / eOurs.gzip;
    targets.push({
      name: 'React app rendering experiences, size',
      target: '≥ 5× smaller than v7',
      measured: `${times(ratio)} (${kb(eOurs.gzip)} vs ${kb(eV7.gzip)})`,
      met: ratio >= 5,
    });
  }
  const hot = (sdk: string) => r.hotPath?.find((h) => h.sdk === sdk);
  const [hOurs, hV7] = [hot('ours'), hot('v7')];
  if (hOurs && hV7) {
    const loop = hV7.loopMs.median / hOurs.loopMs.median;
    const blocked = hV7.blockedMs.median / hOurs.blockedMs.median;
    const busy = hV7.busyMs.median / hOurs.busyMs.median;
    targets.push({
      name: 'main-thread time per track() call',
      target: '≥ 5× less than v7',
      measured: `${times(blocked)} blocked (loop + its microtasks), ${times(busy)} busy until delivered; the loop alone ${times(loop)}`,
      met: blocked >= 5 && busy >= 5,
    });
  }
  if (r.delivery?.length) {
    const losing = SCENARIOS.map((s) => s.id).filter((id) => {
      const row = r.delivery?.find((d) => d.scenario === id && d.sdk === 'v7');
      return row && row.deliveredPct.min < 100;
    });
    const full = losing.filter((id) => {
      const row = r.delivery?.find((d) => d.scenario === id && d.sdk === 'ours');
      return row && row.deliveredPct.min >= 100 && row.duplicatesApplied.max === 0;
    });
    targets.push({
      name: 'delivery where v7 loses events',
      target: '100%, no duplicate applied',
      measured: `${full.length} of ${losing.length} scenarios (${losing.map((id) => `${id}${full.includes(id) ? ' ✔' : ' ✘'}`).join(', ')})`,
      met: losing.length > 0 ? full.length === losing.length : null,
    });
  }
  const render = r.render?.find((x) => x.sdk === 'ours');
  if (render) {
    targets.push({
      name: 're-renders from useNinetailed()',
      target: '0',
      measured: `${num(render.ninetailedRenders.max, 0)} (max over runs)`,
      met: render.ninetailedRenders.runs.length > 0 && render.ninetailedRenders.max === 0,
    });
  }
  return targets;
}

/**
 * Renders results.md: a table per measurement (ours, v7, the floor where there is one, the
 * ratio, min / median / max over the runs), the targets, the machine and the date.
 *
 * @example
 * ```ts
 * writeFileSync('results.md', renderMarkdown(results));
 * ```
 */
export function renderMarkdown(r: Results): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    '# Benchmark results',
    '',
    `Run ${r.date} by \`pnpm bench\` in ${num(r.durationSeconds, 0)} s: ours (${r.versions.ours}, workspace ${r.options.source ? 'src/' : 'dist/'}) vs the official v7 packages (${r.versions.v7}, from npm) in the same run.`,
    `Machine: ${m.cores} × ${m.cpu}, ${num(m.memoryGb, 0)} GB, ${m.os}, Node ${m.node}, ${m.chromium ?? 'no Chromium'}; 1-minute load average ${num(m.loadBefore)} before, ${num(m.loadAfter)} after (a shared machine: read ratios, not absolutes).`,
    `Timing figures are min / median / max over ${r.options.runs} runs (v7 hot path: ${Math.min(r.options.v7HotRuns, r.options.runs)}; network and React: ${Math.min(r.options.runs, 3)}; delivery: ${r.options.deliveryRuns}); ratios compare medians.`,
    '',
  );
  if (r.targets.length) {
    out.push(
      '## Targets',
      '',
      table(
        ['target', 'wanted', 'measured', 'met'],
        r.targets.map((t) => [
          t.name,
          t.target,
          t.measured,
          t.met === null ? 'n/a' : t.met ? 'yes' : '**no**',
        ]),
        ['---', '---', '---', '---'],
      ),
      '',
    );
  }
  if (r.bundle) {
    out.push('## Bundle cost (min+gzip of a realistic app entry)', '');
    const rows = (['core', 'react', 'experiences', 'next'] as const).map((entry) => {
      const get = (sdk: string) => r.bundle?.find((b) => b.entry === entry && b.sdk === sdk);
      const [o, v, f] = [get('ours'), get('v7'), get('floor')];
      return [
        entry,
        o ? `${kb(o.gzip)} (${kb(o.min)} min)` : 'n/a',
        v ? `${kb(v.gzip)} (${kb(v.min)} min)` : 'n/a',
        f ? `${kb(f.gzip)}` : '—',
        o && v ? times(v.gzip / o.gzip) : 'n/a',
      ];
    });
    out.push(table(['entry', 'ours', 'v7', 'floor', 'v7 ÷ ours'], rows), '');
  }
  if (r.hotPath) {
    const get = (sdk: string) => r.hotPath?.find((h) => h.sdk === sdk);
    const [o, v, f] = [get('ours'), get('v7'), get('floor')];
    const calls = o?.calls ?? v?.calls ?? 0;
    const row = (label: string, pick: (h: HotPathRow) => Summary, digits = 1, scale = 1, ratio = true) =>
      comparisonRow([o, v, f], label, pick, digits, scale, ratio);
    out.push(
      `## Hot path (Chromium, ${calls.toLocaleString('en-US')} \`track()\` calls, recorder server)`,
      '',
      table(
        ['measure', 'ours', 'v7', 'floor', 'v7 ÷ ours', 'ours min / med / max', 'v7 min / med / max'],
        [
          row('call loop alone, ms', (h) => h.loopMs),
          row('main thread blocked (loop + its microtasks), ms', (h) => h.blockedMs),
          row('blocked per call, µs', (h) => h.blockedMs, 2, 1000 / calls),
          row('main-thread busy until all delivered, ms', (h) => h.busyMs),
          row('`new Ninetailed()`, ms', (h) => h.constructMs, 2),
          row('construct + `page()` → first request starts, ms', (h) => h.firstRequestMs, 2),
          row('requests for the burst', (h) => h.requests, 0, 1, false),
          row('events the server received', (h) => h.delivered, 0, 1, false),
        ],
      ),
      '',
    );
    const incomplete = [o, v, f].filter((h) => h && h.incomplete > 0);
    for (const h of incomplete)
      out.push(
        `- ${h?.sdk}: ${h?.incomplete} of ${h?.loopMs.runs.length} runs did not deliver every event of the burst.`,
      );
    for (const h of [o, v, f])
      if (h?.errors.length) out.push(`- ${h.sdk} page errors: ${h.errors.slice(0, 3).join('; ')}`);
    if (incomplete.length || [o, v, f].some((h) => h?.errors.length)) out.push('');
  }
  if (r.network) {
    const get = (sdk: string) => r.network?.find((n) => n.sdk === sdk);
    const [o, v, f] = [get('ours'), get('v7'), get('floor')];
    const events = o?.events ?? v?.events ?? 0;
    const row = (label: string, pick: (n: NetworkRow) => Summary, digits = 0, scale = 1, ratio = true) =>
      comparisonRow([o, v, f], label, pick, digits, scale, ratio);
    out.push(
      `## Network efficiency (Chromium, burst of ${events.toLocaleString('en-US')} \`track()\` calls, local Experience API)`,
      '',
      table(
        ['measure', 'ours', 'v7', 'floor', 'v7 ÷ ours', 'ours min / med / max', 'v7 min / med / max'],
        [
          row('requests', (n) => n.requests),
          row('CORS preflights', (n) => n.preflights),
          row('bytes sent on the wire, KB', (n) => n.bytesOut, 1, 1 / 1024),
          row('bytes per event', (n) => n.bytesOut, 0, 1 / events),
          row('events the server applied', (n) => n.delivered, 0, 1, false),
        ],
      ),
      '',
      `Answers by status: ${[o, v, f]
        .filter(Boolean)
        .map((n) => `${n?.sdk} ${JSON.stringify(n?.statuses)}`)
        .join(', ')}.`,
      '',
    );
  }
  if (r.render) {
    const get = (sdk: string) => r.render?.find((x) => x.sdk === sdk);
    const [o, v] = [get('ours'), get('v7')];
    const row = (label: string, pick: (x: RenderRow) => Summary) => [
      label,
      num(o ? pick(o).median : Number.NaN, 0),
      num(v ? pick(v).median : Number.NaN, 0),
      mmm(o ? pick(o) : undefined, 0),
      mmm(v ? pick(v) : undefined, 0),
    ];
    out.push(
      `## Render cost in React (Chromium, production React 19, ${o?.events ?? v?.events} events, profile changing)`,
      '',
      table(
        ['measure', 'ours', 'v7', 'ours min / med / max', 'v7 min / med / max'],
        [
          row('re-renders of a component using only `useNinetailed()`', (x) => x.ninetailedRenders),
          row('re-renders of a component using `useProfile()`', (x) => x.profileRenders),
          row('profile changes seen', (x) => x.profileChanges),
        ],
      ),
      '',
    );
    for (const x of [o, v])
      if (x?.errors.length) out.push(`- ${x.sdk} errors: ${x.errors.slice(0, 3).join('; ')}`, '');
  }
  if (r.delivery) {
    const rows = SCENARIOS.filter((s) => r.delivery?.some((d) => d.scenario === s.id)).map((s) => {
      const get = (sdk: string) => r.delivery?.find((d) => d.scenario === s.id && d.sdk === sdk);
      const [o, v] = [get('ours'), get('v7')];
      const cell = (d?: DeliveryRow) =>
        d?.accepted.runs.length
          ? `${num(d.delivered.median, 0)} / ${num(d.accepted.median, 0)} (${num(d.deliveredPct.min, 0)}–${num(d.deliveredPct.max, 0)}%)`
          : `n/a${d?.errors.length ? ` (${d.errors[0]?.split('\n')[0]})` : ''}`;
      const dup = (d?: DeliveryRow) =>
        d ? `${num(d.duplicatesApplied.max, 0)} (${num(d.duplicatesDropped.max, 0)} dropped)` : 'n/a';
      const reqs = (d?: DeliveryRow) =>
        d ? `${num(d.requests.median, 0)} (${num(d.faulted.median, 0)} faulted)` : 'n/a';
      return [s.title, cell(o), cell(v), dup(o), dup(v), reqs(o), reqs(v)];
    });
    out.push(
      '## Delivery under faults (Chromium, local Experience API behind the fault proxy)',
      '',
      'Events delivered / accepted (median; range of delivered % over the runs); duplicates applied (max over runs; in brackets, copies the server dropped as already seen by messageId); requests the proxy saw (median; in brackets, how many it faulted).',
      '',
      table(
        [
          'scenario',
          'ours delivered',
          'v7 delivered',
          'ours duplicates',
          'v7 duplicates',
          'ours requests',
          'v7 requests',
        ],
        rows,
      ),
      '',
      ...SCENARIOS.filter((s) => r.delivery?.some((d) => d.scenario === s.id)).map(
        (s) => `- **${s.title}**: ${s.method}.`,
      ),
      '',
    );
  }
  if (r.server) {
    out.push('## Local Experience API throughput (bench/server)', '');
    if (r.server.status === 'ok') out.push(r.server.method ?? '', '', r.server.table ?? '', '');
    else out.push(`Not measured: ${r.server.message}.`, '');
  }
  if (r.notRun.length) out.push('## Not run', '', ...r.notRun.map((n) => `- ${n}`), '');
  return out.join('\n');
}

function scaleSummary(s: Summary, scale: number): Summary {
  return {
    min: s.min * scale,
    median: s.median * scale,
    max: s.max * scale,
    runs: s.runs.map((x) => x * scale),
  };
}

/**
 * One row of an ours / v7 / floor table: the medians, the v7 ÷ ours ratio (or `—`), and the
 * min / median / max of ours and v7. `scale` multiplies every figure (per-call units).
 */
function comparisonRow<T>(
  [o, v, f]: [T | undefined, T | undefined, T | undefined],
  label: string,
  pick: (row: T) => Summary,
  digits: number,
  scale: number,
  ratio: boolean,
): string[] {
  const s = (row?: T) => (row ? scaleSummary(pick(row), scale) : undefined);
  return [
    label,
    num(s(o)?.median ?? Number.NaN, digits),
    num(s(v)?.median ?? Number.NaN, digits),
    num(s(f)?.median ?? Number.NaN, digits),
    !ratio ? '—' : o && v ? times(pick(v).median / pick(o).median) : 'n/a',
    mmm(s(o), digits),
    mmm(s(v), digits),
  ];
}
