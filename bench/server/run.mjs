#!/usr/bin/env node
// Throughput benchmark of the local Experience API.
//
// The server runs in its own process (apps/experience-api, built if needed, SQLite file in a
// temp dir, WAL, every answer after its writes are fsync'd); this process is the load generator.
// For each batch size (1 and 50 events per request) it keeps CONCURRENCY requests in flight for
// DURATION seconds and reports events/s, requests/s and latency percentiles. Virtual visitors
// create a profile, then send VISITS more requests to it before a new visitor takes over, so
// profiles stay realistically small (what a visitor sends) rather than growing without bound.
// The server keeps its default per-profile rate limit (100 events/s, burst 1000): one visitor
// sends at most (VISITS + 1) × batch events, 550 by default; raise VISITS past the burst and the
// 429 ERR_PROFILE_OVERLOAD answers are counted as errors.
//
// Stores: SQLite in one process (group commit, and one commit per request), and PostgreSQL in
// one and in two processes on one database (a throwaway cluster with PostgreSQL's own settings
// from `scripts/postgres.sh start bench`, or the cluster at BENCH_POSTGRES_URL, each mode on a
// fresh database), over the cluster's Unix socket, and for comparison over TCP and with one
// commit per request. With two processes the load generator spreads requests over both like a
// round-robin load balancer: a visitor's requests alternate between the processes.
//
// Usage (from apps/experience-api): pnpm bench
//   env: DURATION=10 WARMUP=10 CONCURRENCY=16 VISITS=10 BATCHES=1,50 RESULTS=bench/server/results.md
//        MODES=group,request,postgres,postgres-2,postgres-2-tcp,postgres-2-request
//        BENCH_API_DIR=/tmp/base/apps/experience-api BENCH_POSTGRES_URL=postgres://…
//        BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
// BENCH_API_DIR: the server directory to run (another worktree's apps/experience-api, built), for an
// A/B against this one in the same run; BENCH_NODE_ARGS: extra Node flags (e.g. --cpu-prof).
const apiDir = process.env.BENCH_API_DIR
  ? resolve(process.env.BENCH_API_DIR)
  : join(repo, 'apps', 'experience-api');
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

const DURATION = Number(process.env.DURATION ?? 10);
// A server that has run for a while: PostgreSQL's throughput still climbs for about ten seconds
// after it starts (its new connections map the shared buffers page by page; the server's code gets
// optimized), so the measured seconds start after 10 s of the same load, for every store.
const WARMUP = Number(process.env.WARMUP ?? 10);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const VISITS = Number(process.env.VISITS ?? 10);
const BATCHES = (process.env.BATCHES ?? '1,50').split(',').map(Number);
// "group": SQLite with group commit (the default server mode); "request": SQLite with
// --commit-per-request; "postgres": PostgreSQL, one process; "postgres-2": two processes;
// "postgres-2-tcp": two over TCP; "postgres-2-request": two with --commit-per-request.
const MODES = (
  process.env.MODES ?? 'group,request,postgres,postgres-2,postgres-2-tcp,postgres-2-request'
).split(',');
const MODE_FLAGS = {
  group: [],
  request: ['--commit-per-request'],
  'postgres-2-request': ['--commit-per-request'],
};
const MODE_NAMES = {
  group: 'SQLite, 1 process, group commit (default)',
  request: 'SQLite, 1 process, one commit per request',
  postgres: 'PostgreSQL, 1 process',
  'postgres-2': 'PostgreSQL, 2 processes',
  'postgres-2-tcp': 'PostgreSQL, 2 processes, over TCP',
  'postgres-2-request': 'PostgreSQL, 2 processes, one commit per request',
};
const MODE_PROCESSES = { postgres: 1, 'postgres-2': 2, 'postgres-2-tcp': 2, 'postgres-2-request': 2 };
const RESULTS = process.env.RESULTS ?? join(here, 'results.md');

function startServer(databaseFile, flags, env = {}) {
  const child = spawn(
    process.execPath,
    [
      ...NODE_ARGS,
      join(apiDir, 'scripts', 'start.mjs'),
      '--quiet',
      '--port',
      '0',
      '--database-file',
      databaseFile,
      // Virtual visitors create hundreds of profiles per second: no per-organisation limit.
      '--create-rate-limit',
      'off',
      ...flags,
    ],
    { cwd: apiDir, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  );
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      buffer += chunk;
      for (const line of buffer.split('\n')) {
        try {
          const entry = JSON.parse(line);
          if (entry.msg === 'listening') resolve({ child, url: entry.url });
        } catch {}
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`[ninetailed] server exited with ${code} before listening`)),
    );
  });
}

// LIFO: the sockets in use stay busy and the spare ones go idle, so a reused socket is rarely one
// the server is closing after its 5 s keep-alive timeout (which would reset the request).
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY, scheduling: 'lifo' });

function post(url, body) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'Content-Type': 'text/plain' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let counter = 0;
function event(i) {
  const now = new Date().toISOString();
  const path = `/blog/post-${i % 7}`;
  const common = {
    channel: 'web',
    messageId: randomUUID(),
    originalTimestamp: now,
    timestamp: now,
    sentAt: now,
    context: {
      library: { name: '@ninetailed/experience.js', version: '0.1.0' },
      userAgent: 'bench',
      locale: 'en-US',
      campaign: {},
      page: { url: `http://localhost:4310${path}`, path, search: '', query: {}, referrer: '' },
      gdpr: { isConsentGiven: true },
    },
  };
  counter++;
  if (counter % 5 === 0)
    return { ...common, type: 'track', event: 'add_to_cart', properties: { sku: `sku-${i}` } };
  const category = counter % 2 === 0 ? 'news' : 'sport';
  return {
    ...common,
    type: 'page',
    properties: {
      url: common.context.page.url,
      path,
      search: '',
      query: {},
      referrer: '',
      title: 'Post',
      category,
    },
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `work` with a connection to `url` (the server's own `pg`), closed afterwards. */
async function withPostgres(url, work) {
  const pg = createRequire(join(apiDir, 'package.json'))('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh PostgreSQL database for one mode, on a throwaway cluster this run starts
 * (`scripts/postgres.sh start bench`: PostgreSQL's own settings, as a deployment runs, not the
 * test clusters' one-second autovacuum), or on the cluster at BENCH_POSTGRES_URL. The servers
 * connect over the cluster's Unix socket, as a server on the database's machine does; the `-tcp`
 * modes over TCP on 127.0.0.1.
 */
let cluster;
async function postgresDatabase(mode) {
  if (!cluster) {
    const given = process.env.BENCH_POSTGRES_URL;
    if (given) cluster = { url: given, socketUrl: given };
    else {
      const output = execFileSync('bash', [join(repo, 'scripts', 'postgres.sh'), 'start', 'bench'], {
        encoding: 'utf8',
      });
      cluster = {
        url: /NINETAILED_TEST_POSTGRES_URL='([^']*)'/.exec(output)?.[1],
        socketUrl: /NINETAILED_TEST_POSTGRES_SOCKET_URL='([^']*)'/.exec(output)?.[1],
        dir: /PGCLUSTER_DIR='([^']*)'/.exec(output)?.[1],
      };
    }
  }
  const name = `bench_${mode.replace(/\W/g, '_')}_${Date.now()}`;
  await withPostgres(cluster.url, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(mode.endsWith('-tcp') ? cluster.url : cluster.socketUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Drops a mode's database once its rows are measured: left behind, its hundreds of thousands of
 * events would keep the cluster busy during the next modes (autovacuum analyzing them, their
 * dirty pages written out), as no other database does to a deployment's.
 */
async function dropDatabase(databaseUrl) {
  await withPostgres(cluster.url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
    await client.query('CHECKPOINT');
  });
}

/**
 * The PostgreSQL processes that work for a bench database only: its connections (the servers'
 * pools, open after the warm-up; autovacuum workers on it). Not every `postgres` process of the
 * machine (other clusters belong to other work), nor the cluster's WAL writer, checkpointer and
 * background writer, which serve every database of a shared test cluster (their CPU is other
 * work's as much as ours; each COMMIT's WAL flush is done by its own connection anyway).
 */
async function postgresPids(url) {
  const { rows } = await withPostgres(url, (client) =>
    client.query(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    ),
  );
  return rows.map((row) => row.pid);
}

/**
 * Gives the bench database's tables their statistics, as autovacuum gives a running deployment's
 * within its first minute. A new database has none (pg_class says never analyzed), and the
 * plans made without them, cached per connection, look each request's messageIds up by walking
 * the whole (org, env) range of events_profile: a cost that grows with the table and that no
 * deployment pays after its first ANALYZE (which re-plans every cached statement).
 */
async function analyze(url) {
  await withPostgres(url, (client) => client.query('ANALYZE'));
}

/** CPU time (ms) used so far by these processes (Linux /proc). */
function cpuMs(pids) {
  const ticks = (pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return {
        comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
        ticks: Number(fields[11]) + Number(fields[12]),
      };
    } catch {
      return { comm: '', ticks: 0 };
    }
  };
  let total = 0;
  for (const pid of pids) total += ticks(pid).ticks;
  return total * 10; // USER_HZ = 100
}

async function scenario(bases, batch, pids = [], databaseUrl = undefined) {
  const profilesAt = (n) => `${bases[n % bases.length]}/v2/organizations/demo/environments/main/profiles`;
  const latencies = [];
  let events = 0;
  let requests = 0;
  let errors = 0;
  let measuring = false;
  let stop = false;

  async function visitor(n) {
    while (!stop) {
      let id;
      for (let visit = 0; visit <= VISITS && !stop; visit++) {
        const profiles = profilesAt(n + visit);
        const body = JSON.stringify({ events: Array.from({ length: batch }, (_, i) => event(i)) });
        const started = performance.now();
        // A connection reset (a keep-alive socket the server closed) counts as an error.
        const answer = await post(id ? `${profiles}/${id}` : profiles, body).catch(() => ({ status: 0 }));
        const ms = performance.now() - started;
        if (answer.status !== 200) {
          errors++;
          break;
        }
        id = JSON.parse(answer.text).data.profile.id;
        if (measuring) {
          latencies.push(ms);
          requests++;
          events += batch;
        }
      }
    }
  }

  const workers = Array.from({ length: CONCURRENCY }, (_, n) => visitor(n));
  // PostgreSQL: ANALYZE halfway through the warm-up, so that the measured seconds see neither it
  // nor the re-planning of every cached statement that follows it.
  await new Promise((r) => setTimeout(r, (WARMUP * 1000) / 2));
  if (databaseUrl) await analyze(databaseUrl);
  await new Promise((r) => setTimeout(r, (WARMUP * 1000) / 2));
  const serverPids = pids;
  if (databaseUrl) pids = [...pids, ...(await postgresPids(databaseUrl))];
  measuring = true;
  const cpuBefore = cpuMs(pids);
  const serverBefore = cpuMs(serverPids);
  const started = performance.now();
  await new Promise((r) => setTimeout(r, DURATION * 1000));
  measuring = false;
  const cpu = cpuMs(pids) - cpuBefore;
  const serverCpu = cpuMs(serverPids) - serverBefore;
  const seconds = (performance.now() - started) / 1000;
  stop = true;
  await Promise.all(workers);
  latencies.sort((a, b) => a - b);
  return {
    batch,
    seconds,
    requests,
    events,
    errors,
    eventsPerSecond: events / seconds,
    requestsPerSecond: requests / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    // Server and database CPU per event: what the work costs, whatever else the machine runs.
    cpuPerEvent: events > 0 ? (cpu / events) * 1000 : 0,
    serverCpuPerEvent: events > 0 ? (serverCpu / events) * 1000 : 0,
    max: latencies[latencies.length - 1] ?? 0,
  };
}

const loadBefore = loadavg()[0] ?? 0;
const dir = mkdtempSync(join(tmpdir(), 'experience-api-bench-'));
const results = [];
try {
  for (const mode of MODES) {
    // BENCH_URL targets a server that is already running (for profiling it); results are not written.
    let servers;
    let databaseUrl;
    if (process.env.BENCH_URL) servers = [{ child: undefined, url: process.env.BENCH_URL }];
    else if (MODE_PROCESSES[mode]) {
      databaseUrl = await postgresDatabase(mode);
      const env = { DATABASE_URL: databaseUrl };
      servers = [];
      // One after another: the first applies the migrations.
      for (let i = 0; i < MODE_PROCESSES[mode]; i++)
        servers.push(await startServer(join(dir, 'unused.db'), MODE_FLAGS[mode] ?? [], env));
    } else servers = [await startServer(join(dir, `bench-${mode}.db`), MODE_FLAGS[mode] ?? [])];
    try {
      for (const batch of BATCHES) {
        const result = {
          mode,
          ...(await scenario(
            servers.map((server) => server.url),
            batch,
            servers.map((server) => server.child?.pid).filter(Boolean),
            databaseUrl,
          )),
        };
        results.push(result);
        console.log(
          `[ninetailed] ${MODE_NAMES[mode] ?? mode}, batch ${batch}: ${result.eventsPerSecond.toFixed(0)} events/s, ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, CPU ${result.cpuPerEvent.toFixed(0)} µs/event (server ${result.serverCpuPerEvent.toFixed(0)}), errors ${result.errors}`,
        );
      }
    } finally {
      for (const { child } of servers) {
        if (!child) continue;
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (databaseUrl) await dropDatabase(databaseUrl);
    }
    if (process.env.BENCH_URL) break;
  }
} finally {
  agent.destroy();
  rmSync(dir, { recursive: true, force: true });
  if (cluster?.dir) execFileSync('bash', [join(repo, 'scripts', 'postgres.sh'), 'stop', cluster.dir]);
}

/** A Markdown table padded the way the repo's formatter (Biome) writes it; columns after the first right-aligned. */
function markdownTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)];
}

function postgresVersion() {
  try {
    return (
      execFileSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/ | head -1'], { encoding: 'utf8' }).match(
        /(\d+)\/$/m,
      )?.[1] ?? ''
    );
  } catch {
    return '';
  }
}

const cpu = cpus();
const lines = [
  '# Experience API throughput',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} with \`pnpm bench\` (apps/experience-api) on ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`,
  `Servers in their own processes: SQLite (file, WAL; in both commit modes a request is answered only after the WAL holding its writes is fsync'd), or PostgreSQL ${postgresVersion()} (a local cluster on the same machine with PostgreSQL's own settings, \`fsync=on\`, \`synchronous_commit=on\`: answered after COMMIT's WAL flush; group commit unless the row says otherwise; over the Unix socket unless it says TCP) with one or two server processes on one database; each request all-or-nothing;`,
  `with two processes the load generator alternates a visitor's requests between them (a round-robin load balancer);`,
  `load generator in this process over keep-alive HTTP on 127.0.0.1, ${CONCURRENCY} requests in flight, ${WARMUP} s warm-up then ${DURATION} s measured per row.`,
  `Each virtual visitor creates a profile and sends ${VISITS} more requests to it (profile update endpoint), events a mix of page (news/sport categories) and \`add_to_cart\` track events, evaluated against the demo audiences on every request.`,
  '',
  ...markdownTable(
    [
      'store, processes, commit mode',
      'events per request',
      'events/s',
      'requests/s',
      'p50 latency',
      'p99 latency',
      'max latency',
      'CPU µs/event',
      'of which server',
      'errors',
    ],
    results.map((r) => [
      MODE_NAMES[r.mode] ?? r.mode,
      String(r.batch),
      r.eventsPerSecond.toFixed(0),
      r.requestsPerSecond.toFixed(0),
      `${r.p50.toFixed(2)} ms`,
      `${r.p99.toFixed(2)} ms`,
      `${r.max.toFixed(1)} ms`,
      r.cpuPerEvent.toFixed(0),
      r.serverCpuPerEvent.toFixed(0),
      String(r.errors),
    ]),
  ),
  '',
  '`CPU µs/event`: CPU time of the server processes plus, on PostgreSQL, the connections to the bench database (from /proc; not the cluster’s WAL writer and checkpointer, shared with other databases) during the measured seconds, per event: the cost of the work whatever else runs on the machine; `of which server`: the server processes alone (on SQLite, all of it). Two cores at full use give at most 2,000,000 / that number events per second.',
  '',
  `Figures depend on the machine and its load: the 1-minute load average was ${loadBefore.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end of this run (on ${cpu.length} cores shared with other work), so they vary between runs.`,
  '',
];
if (process.env.BENCH_URL) process.exit(0);
writeFileSync(RESULTS, lines.join('\n'));
console.log(`[ninetailed] results written to ${relative(process.cwd(), RESULTS)}`);
