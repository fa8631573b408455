#!/usr/bin/env node
// Insights report benchmark (issue 13): 1,000,000 stored events, then the report endpoints'
// time over real HTTP.
//
// 1. The server (apps/experience-api/dist, built if needed) creates a SQLite file in a temp dir
//    (its migrations), then stops.
// 2. This process writes the data straight into that file (better-sqlite3, one transaction):
//    PROFILES visitors over the last 28 days, each with 10 page events, 4 views of the demo's
//    two experiences (two `component` events per view, as v7 sends them: duration 0, then the
//    final duration, one viewId), a click, a hover, and `signup` / `add_to_cart` track events
//    for some; exactly as the endpoints store them (events rows with their facts, the Insights
//    ingest ids, view ids, view rows and profiles).
// 3. The server starts again on that file; each endpoint is asked WARMUP times, then RUNS times
//    one request after another; the answer's median and p95 are reported.
//
// Usage: node bench/insights/run.mjs   env: PROFILES=50000 RUNS=20 WARMUP=3 RESULTS=bench/insights/results.md
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from '../../apps/experience-api/scripts/prng.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const apiDir = join(repo, 'apps', 'experience-api');
const PROFILES = Number(process.env.PROFILES ?? 50_000);
const RUNS = Number(process.env.RUNS ?? 20);
const WARMUP = Number(process.env.WARMUP ?? 3);
const RESULTS = process.env.RESULTS ?? join(here, 'results.md');
const DAY = 86_400_000;
const ORG = 'demo';
const ENV = 'main';

const Database = createRequire(join(apiDir, 'package.json'))('better-sqlite3');

if (!existsSync(join(apiDir, 'dist', 'cli.mjs')) || !existsSync(join(apiDir, 'dist', 'dashboard'))) {
  execFileSync('pnpm', ['--filter', '@ninetailed/experience-api', 'build'], { cwd: repo, stdio: 'inherit' });
}

function startApi(databaseFile, port) {
  const child = spawn('node', [join(apiDir, 'dist', 'cli.mjs')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_FILE: databaseFile, LOG: 'off' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    child,
    async ready() {
      for (let i = 0; i < 200; i++) {
        try {
          if ((await fetch(`${url}/__local/health`)).ok) return;
        } catch {}
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('[ninetailed] the API did not start');
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

function generate(file, now) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const random = prng(42);
  const insertEvent = db.prepare(
    `INSERT INTO events (org, env, profile_id, received_profile_id, message_id, received_at, duplicate, body, facts, experience_id, variant_index, track_event, track_at)
     VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, NULL, NULL, ?, ?)`,
  );
  const insertProfile = db.prepare(
    `INSERT INTO profiles (org, env, id, stable_id, random, traits, location, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, '{}', '{}', ?, ?)`,
  );
  const insertIngested = db.prepare(
    'INSERT INTO insight_events (org, env, message_id, profile_id, type, received_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertViewId = db.prepare(
    'INSERT INTO insight_view_ids (org, env, view_id, max_view_ms) VALUES (?, ?, ?, ?)',
  );
  const upsertView = db.prepare(
    `INSERT INTO insight_views (org, env, day, experience_id, profile_id, variant_index, component_id, first_at, last_at, views, max_view_ms, clicks, hovers, holdout)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
     ON CONFLICT (org, env, day, experience_id, profile_id, variant_index, component_id) DO UPDATE SET
       last_at = coalesce(excluded.last_at, insight_views.last_at), views = insight_views.views + excluded.views,
       max_view_ms = max(insight_views.max_view_ms, excluded.max_view_ms),
       clicks = insight_views.clicks + excluded.clicks, hovers = insight_views.hovers + excluded.hovers`,
  );
  const insertInsightProfile = db.prepare(
    'INSERT INTO insight_profiles (org, env, profile_id, audiences, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let stored = 0;
  // What the report must count for cta-test: every profile views it, a signup follows the views.
  const expected = [
    { viewers: 0, conversions: 0 },
    { viewers: 0, conversions: 0 },
  ];
  const event = (profileId, at, body) => {
    const messageId = randomUUID();
    const facts =
      body.type === 'track'
        ? { type: 'track', event: body.event, properties: {} }
        : { type: 'page', properties: body.properties };
    insertEvent.run(
      ORG,
      ENV,
      profileId,
      profileId,
      messageId,
      at,
      JSON.stringify({ ...body, messageId }),
      JSON.stringify(facts),
      body.type === 'track' ? body.event : null,
      body.type === 'track' ? at : null,
    );
    stored++;
  };
  db.transaction(() => {
    for (let p = 0; p < PROFILES; p++) {
      const id = randomUUID();
      let at = now - Math.floor(random() * 28 * DAY) - DAY;
      const day = Math.floor(at / DAY);
      insertProfile.run(ORG, ENV, id, randomUUID(), random(), at, at);
      const reader = random() < 0.4;
      insertInsightProfile.run(
        ORG,
        ENV,
        id,
        JSON.stringify(reader ? ['news-readers'] : []),
        at,
        at + 600_000,
      );
      for (let i = 0; i < 10; i++) {
        event(id, at, { type: 'page', properties: { path: `/p/${i}`, category: reader ? 'news' : 'shop' } });
        at += 30_000;
      }
      const shown = { 'cta-test': random() < 0.5 ? 0 : 1, 'news-hero': reader ? 1 : 0 };
      let firstView = Number.POSITIVE_INFINITY;
      for (let v = 0; v < 4; v++) {
        const experienceId = v % 2 === 0 ? 'cta-test' : 'news-hero';
        const variantIndex = shown[experienceId];
        const componentId = `${experienceId}-${variantIndex}`;
        const viewId = randomUUID();
        for (const type of ['component', 'component']) {
          insertIngested.run(ORG, ENV, randomUUID(), id, type, at);
          stored++;
        }
        insertViewId.run(ORG, ENV, viewId, 4000);
        upsertView.run(ORG, ENV, day, experienceId, id, variantIndex, componentId, at, at, 1, 4000, 0, 0);
        firstView = Math.min(firstView, at);
        at += 20_000;
      }
      for (const type of ['component_click', 'component_hover']) {
        insertIngested.run(ORG, ENV, randomUUID(), id, type, at);
        upsertView.run(
          ORG,
          ENV,
          day,
          'cta-test',
          id,
          shown['cta-test'],
          `cta-test-${shown['cta-test']}`,
          null,
          null,
          0,
          0,
          type === 'component_click' ? 1 : 0,
          type === 'component_hover' ? 1 : 0,
        );
        stored++;
      }
      const rate = shown['cta-test'] === 1 ? 0.14 : 0.1;
      expected[shown['cta-test']].viewers++;
      if (random() < rate) {
        event(id, at + 60_000, { type: 'track', event: 'signup' });
        expected[shown['cta-test']].conversions++;
      }
      if (random() < 0.2) event(id, at + 30_000, { type: 'track', event: 'add_to_cart' });
      if (!Number.isFinite(firstView)) throw new Error('unreachable');
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
  return { stored, expected };
}

async function time(url) {
  const start = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  const ms = performance.now() - start;
  if (!response.ok) throw new Error(`[ninetailed] ${url} answered ${response.status}: ${body.slice(0, 200)}`);
  return { ms, bytes: body.length, body };
}

const dir = mkdtempSync(join(tmpdir(), 'insights-bench-'));
const file = join(dir, 'api.db');
try {
  const port = 3400 + Math.floor(Math.random() * 500);
  const first = startApi(file, port);
  await first.ready();
  await first.stop();
  const now = Date.now();
  const t0 = performance.now();
  const { stored, expected } = generate(file, now);
  const generateS = (performance.now() - t0) / 1000;
  console.log(
    `[ninetailed] generated ${stored.toLocaleString('en-US')} stored events for ${PROFILES.toLocaleString('en-US')} profiles in ${generateS.toFixed(1)} s`,
  );

  const api = startApi(file, port + 1);
  await api.ready();
  const base = `${api.url}/v2/organizations/${ORG}/environments/${ENV}/insights`;
  const endpoints = [
    ['experiences, signup, last 30 days', `${base}/experiences?metric=signup`],
    ['experiences + daily series (the dashboard)', `${base}/experiences?metric=signup&series=daily`],
    ['audiences', `${base}/audiences`],
    ['metrics', `${base}/metrics`],
  ];
  const rows = [];
  for (const [name, url] of endpoints) {
    for (let i = 0; i < WARMUP; i++) await time(url);
    const times = [];
    let last;
    for (let i = 0; i < RUNS; i++) {
      last = await time(url);
      times.push(last.ms);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)];
    rows.push({ name, median, p95, bytes: last.bytes });
    console.log(
      `[ninetailed] ${name}: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${last.bytes} bytes)`,
    );
    if (name.startsWith('experiences, signup')) {
      const viewers = JSON.parse(last.body).data.experiences.flatMap((e) => e.variants.map((v) => v.viewers));
      console.log(`[ninetailed]   viewers per variant: ${viewers.join(', ')}`);
      // The figure only counts if the answer is right: cta-test's arms equal what was generated.
      const cta = JSON.parse(last.body).data.experiences.find((e) => e.experienceId === 'cta-test');
      const arms = cta.variants.map(({ viewers, conversions }) => ({ viewers, conversions }));
      if (JSON.stringify(arms) !== JSON.stringify(expected))
        throw new Error(
          `[ninetailed] wrong report: ${JSON.stringify(arms)}, generated ${JSON.stringify(expected)}`,
        );
      console.log(`[ninetailed]   cta-test viewers/conversions as generated: ${JSON.stringify(arms)}`);
    }
  }
  await api.stop();
  const load = loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
  const md = `# Insights report benchmark

\`node bench/insights/run.mjs\` (PROFILES=${PROFILES}, RUNS=${RUNS}, WARMUP=${WARMUP}), ${new Date(now).toISOString().slice(0, 10)},
${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${load} at the end (other work was running).
SQLite store, ${stored.toLocaleString('en-US')} stored events (events table and Insights ingest) for
${PROFILES.toLocaleString('en-US')} profiles over 28 days; generated in ${generateS.toFixed(1)} s by direct inserts.
Times are whole HTTP requests on 127.0.0.1, one after another. Target: ≤ 200 ms.

| Endpoint | Median | p95 | Answer bytes |
| --- | ---: | ---: | ---: |
${rows.map((r) => `| ${r.name} | ${r.median.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.bytes} |`).join('\n')}
`;
  writeFileSync(RESULTS, md);
  console.log(`[ninetailed] results written to ${RESULTS}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
