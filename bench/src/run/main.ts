import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type RunningServer, startServer } from '@ninetailed/experience-api';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { bundleSizes } from './bundleSize';
import { benchRoot, buildPages } from './bundles';
import { delivery } from './delivery';
import { firstPaint } from './firstPaint';
import { hotPath } from './hotPath';
import type { Lab } from './lab';
import { networkEfficiency } from './network';
import { startPageServer } from './pageServer';
import { startRecorder } from './recorder';
import { renderCount } from './renderCount';
import { judgeTargets, type Results, renderMarkdown } from './report';
import { serverThroughput } from './serverThroughput';

/** The local Experience API's demo configuration (organisation `demo`, environment `main`). */
export const DEMO_CONFIG = join(benchRoot, '..', 'apps', 'experience-api', 'config', 'demo.json');

const SUITES = ['bundle', 'hot', 'network', 'render', 'firstPaint', 'delivery', 'server'] as const;
type Suite = (typeof SUITES)[number];

const USAGE = `pnpm bench [options]   (from the repo root; or: pnpm --filter @ninetailed/bench bench)
  --only a,b          suites to run: ${SUITES.join(', ')} (default: all)
  --runs N            runs per timing measurement and SDK (default 5)
  --v7-runs N         hot-path runs for v7 (default 2: about 40 s each)
  --delivery-runs N   runs per delivery scenario (default 2)
  --scenarios a,b     delivery scenarios only (ids as in results.md)
  --quick             3 runs, 1 delivery run, short server bench (a smoke run)
  --merge             with --only: put these suites' results into bench/results.json (and
                      results.md, README) in place of the ones there, noting the date
  --source            bundle our packages from src/ instead of the built dist/
  --no-build          do not build the workspace packages first (run.mjs)
A full run writes bench/results.md and results.json; --only/--quick/--scenarios write to bench/.build/
(unless --merge).`;

/** Runs the benchmarks and writes the results. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      runs: { type: 'string' },
      'delivery-runs': { type: 'string' },
      'v7-runs': { type: 'string' },
      scenarios: { type: 'string' },
      quick: { type: 'boolean', default: false },
      merge: { type: 'boolean', default: false },
      source: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const only = values.only ? (values.only.split(',') as Suite[]) : [...SUITES];
  const unknown = only.filter((s) => !SUITES.includes(s));
  if (unknown.length) throw new Error(`[ninetailed] bench: unknown suite(s) ${unknown.join(', ')}\n${USAGE}`);
  const partial = !!values.only || values.quick || !!values.scenarios;
  if (values.merge && (!values.only || values.quick || values.scenarios))
    throw new Error(`[ninetailed] bench: --merge needs --only, without --quick or --scenarios\n${USAGE}`);
  const merge = values.merge;
  const runs = Number(values.runs ?? (values.quick ? 3 : 5));
  const deliveryRuns = Number(values['delivery-runs'] ?? (values.quick ? 1 : 2));
  const source = values.source;
  const outDir = partial && !merge ? join(benchRoot, '.build') : benchRoot;
  const started = Date.now();
  const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
  const loadBefore = loadavg()[0] ?? 0;
  const options = {
    runs,
    deliveryRuns,
    source,
    hotPathCalls: 10_000,
    v7HotRuns: Number(values['v7-runs'] ?? 2),
    burstEvents: 1_000,
  };
  const results: Omit<Results, 'targets'> = {
    date: new Date().toISOString(),
    durationSeconds: 0,
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown CPU',
      cores: cpus().length,
      memoryGb: totalmem() / 2 ** 30,
      os: `${type()} ${release()}`,
      node: process.version,
      chromium: null,
      loadBefore,
      loadAfter: 0,
    },
    options,
    versions: {
      ours: `@ninetailed/experience.js@${packageVersion(join(benchRoot, '..', 'packages', 'core'))}`,
      v7: `@ninetailed/experience.js@${packageVersion(join(benchRoot, 'node_modules', 'v7-core'))}`,
    },
    notRun: [],
  };
  const want = (suite: Suite) => only.includes(suite);
  const attempt = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      log(`${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
      results.notRun.push(`${name}: failed (${error instanceof Error ? error.message : String(error)})`);
    }
  };

  if (want('bundle')) {
    log('bundle sizes');
    await attempt('bundle cost', async () => {
      results.bundle = await bundleSizes({ source });
    });
  }

  const browserSuites = (['hot', 'network', 'render', 'firstPaint', 'delivery'] as const).filter(want);
  if (browserSuites.length) {
    const dbDir = mkdtempSync(join(tmpdir(), 'ninetailed-bench-'));
    let browser: Browser | null = null;
    const held: { api: RunningServer | null } = { api: null };
    const closers: (() => Promise<void>)[] = [];
    try {
      browser = await launchChromium();
      if (!browser) {
        results.notRun.push(
          `${browserSuites.join(', ')}: no Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}`,
        );
      } else {
        results.machine.chromium = `Chromium ${browser.version()}`;
        log('building the bench pages');
        const scripts = await buildPages({ source });
        const pages = await startPageServer(scripts);
        closers.push(pages.close);
        const lab: Lab = { browser, pages, runs, log };
        if (want('hot')) {
          const recorder = await startRecorder();
          closers.push(recorder.close);
          await attempt('hot path', async () => {
            results.hotPath = await hotPath(lab, recorder, options.hotPathCalls, options.v7HotRuns);
          });
        }
        if (want('network') || want('render') || want('firstPaint')) {
          await attempt('local Experience API', async () => {
            held.api = await startServer({
              port: 0,
              databaseFile: join(dbDir, 'bench.db'),
              config: DEMO_CONFIG,
              logger: false,
            });
          });
        }
        const server = held.api;
        if (want('network') && server) {
          await attempt('network efficiency', async () => {
            results.network = await networkEfficiency(
              { ...lab, runs: Math.min(runs, 3) },
              server,
              options.burstEvents,
            );
          });
        }
        if (want('render') && server) {
          await attempt('render cost', async () => {
            results.render = await renderCount({ ...lab, runs: Math.min(runs, 3) }, server, 10, 10);
          });
        }
        if (want('firstPaint') && server) {
          await attempt('personalized first paint', async () => {
            results.firstPaint = await firstPaint(lab, scripts, server);
          });
        }
        if (want('delivery')) {
          await attempt('delivery under faults', async () => {
            results.delivery = await delivery(
              lab,
              DEMO_CONFIG,
              dbDir,
              deliveryRuns,
              values.scenarios?.split(','),
            );
          });
        }
      }
    } finally {
      for (const close of closers.reverse()) await close();
      await held.api?.close();
      await browser?.close();
      rmSync(dbDir, { recursive: true, force: true });
    }
  }

  if (want('server')) {
    log('server throughput (bench/server/run.mjs)');
    await attempt('server throughput', async () => {
      // bench/server's own results.md is its owner's: this run writes its copy under .build/.
      const env: Record<string, string> = {
        DURATION: values.quick ? '2' : '5',
        WARMUP: '1',
        RESULTS: join(benchRoot, '.build', 'server-results.md'),
      };
      mkdirSync(join(benchRoot, '.build'), { recursive: true });
      results.server = await serverThroughput(env, log);
    });
  }

  results.durationSeconds = (Date.now() - started) / 1000;
  results.machine.loadAfter = loadavg()[0] ?? 0;
  const measured = merge ? mergeInto(readResults(join(benchRoot, 'results.json')), results, only) : results;
  const full: Results = { ...measured, targets: judgeTargets(measured) };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(full, null, 2)}\n`);
  const markdown = renderMarkdown(full);
  writeFileSync(join(outDir, 'results.md'), markdown);
  if (!partial || merge) {
    updateReadme(markdown);
    formatWithBiome([join(outDir, 'results.json'), join(outDir, 'results.md'), join(benchRoot, 'README.md')]);
  }
  log(`wrote ${join(outDir, 'results.md')} and results.json in ${results.durationSeconds.toFixed(0)} s`);
  for (const t of full.targets)
    log(`target ${t.name}: ${t.measured} (${t.met === null ? 'n/a' : t.met ? 'met' : 'NOT met'})`);
}

/** The results a full run wrote (bench/results.json). */
function readResults(file: string): Omit<Results, 'targets'> {
  if (!existsSync(file)) throw new Error(`[ninetailed] bench: --merge needs ${file} (from a full run)`);
  const { targets: _targets, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Results;
  return rest;
}

/** `base` with the suites `only` ran replaced by this run's results, and a note of the merge. */
function mergeInto(
  base: Omit<Results, 'targets'>,
  run: Omit<Results, 'targets'>,
  only: readonly Suite[],
): Omit<Results, 'targets'> {
  const field = {
    bundle: 'bundle',
    hot: 'hotPath',
    network: 'network',
    render: 'render',
    firstPaint: 'firstPaint',
    delivery: 'delivery',
    server: 'server',
  } as const satisfies Record<Suite, keyof Results>;
  const merged: Omit<Results, 'targets'> = {
    ...base,
    machine: { ...base.machine, chromium: base.machine.chromium ?? run.machine.chromium },
    notRun: [...base.notRun, ...run.notRun],
    merged: [
      ...(base.merged ?? []).filter((m) => !m.suites.every((s) => only.includes(s as Suite))),
      {
        suites: [...only],
        date: run.date,
        runs: run.options.runs,
        loadBefore: run.machine.loadBefore,
        loadAfter: run.machine.loadAfter,
      },
    ],
  };
  for (const suite of only) Object.assign(merged, { [field[suite]]: run[field[suite]] });
  return merged;
}

/** The repo lints these files (`biome check .`): give them the repo's formatting. */
function formatWithBiome(files: string[]): void {
  const biome = join(benchRoot, '..', 'node_modules', '.bin', 'biome');
  if (existsSync(biome)) spawnSync(biome, ['format', '--write', ...files], { stdio: 'ignore' });
}

/** Puts the results (headings demoted) between the README's `results:start` / `results:end` markers. */
function updateReadme(markdown: string): void {
  const file = join(benchRoot, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) return;
  const body = markdown
    .split('\n')
    .filter((line) => !line.startsWith('# '))
    .map((line) => (line.startsWith('## ') ? `##${line}` : line))
    .join('\n')
    .trim();
  writeFileSync(file, `${readme.slice(0, from + start.length)}\n${body}\n${readme.slice(to)}`);
}

function packageVersion(dir: string): string {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
