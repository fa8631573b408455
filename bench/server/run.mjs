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
// PostgreSQL's slowest commits depend on the kernel's writeback (see writeback() below): run it as a
// PostgreSQL host runs, `sysctl -w vm.dirty_background_bytes=67108864` (root); the setting is in
// the results, and the bench warns without it.
//
// Usage (from apps/experience-api): pnpm bench
//   env: DURATION=10 WARMUP=10 CONCURRENCY=16 VISITS=10 BATCHES=1,50 RESULTS=bench/server/results.md
//        MODES=group,request,postgres,postgres-2,postgres-2-tcp,postgres-2-request
//        BENCH_API_DIR=/tmp/base/apps/experience-api BENCH_POSTGRES_URL=postgres://…
//        BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' OPEN_BATCH=50 OPEN_RATE=10000
//        BENCH_TRACE=/tmp/trace.txt (one line per measured request: due time (epoch ms), latency, status)
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
// Open loop: one more row per store at OPEN_BATCH events per request (0: none), requests due at
// OPEN_RATE events/s; by default the rate SQLite (group commit) reached in this run's closed loop
// at that batch size, so the row answers: what latency does each store give at SQLite's maximum?
const OPEN_BATCH = Number(process.env.OPEN_BATCH ?? (BATCHES.includes(50) ? 50 : 0));
const OPEN_RATE = process.env.OPEN_RATE ? Number(process.env.OPEN_RATE) : undefined;
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
// Open loop: as many connections as requests in flight.
const openAgent = new Agent({ keepAlive: true, scheduling: 'lifo' });

function post(url, body, via = agent) {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: via, headers: { 'Content-Type': 'text/plain' } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let counter = 0;
function event(i, messageId, now) {
  const path = `/blog/post-${i % 7}`;
  const common = {
    channel: 'web',
    messageId,
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

// The load generator shares the machine's two cores with what it measures, so it builds each
// event's JSON from a template (the same bytes `event()` would give) with only the messageId and
// the timestamps filled in: about a tenth of the CPU of building and serializing objects.
const MID = '@@mid@@';
const NOW = '@@now@@';
const templates = new Map();
const traceLines = [];
process.on('exit', () => {
  if (process.env.BENCH_TRACE) writeFileSync(process.env.BENCH_TRACE, traceLines.join('\n'));
});
function eventJson(i, now) {
  const kind = (counter + 1) % 5 === 0 ? 't' : (counter + 1) % 2 === 0 ? 'n' : 's';
  const templateKey = `${kind}${i}`;
  let parts = templates.get(templateKey);
  if (!parts) {
    parts = JSON.stringify(event(i, MID, NOW)).split(/(@@mid@@|@@now@@)/);
    counter--;
    templates.set(templateKey, parts);
  }
  counter++;
  let json = '';
  for (const part of parts) json += part === MID ? randomUUID() : part === NOW ? now : part;
  return json;
}

/** One request's body: `batch` events, each with a new messageId. */
function body(batch) {
  const now = new Date().toISOString();
  let events = '';
  for (let i = 0; i < batch; i++) events += (i === 0 ? '' : ',') + eventJson(i, now);
  return `{"events":[${events}]}`;
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

/**
 * One row: `batch` events per request for WARMUP + DURATION seconds. Closed loop (no `rate`):
 * CONCURRENCY requests in flight, each sent when the one before it is answered, which measures
 * the most a store serves. Open loop (`rate`, events/s): a request is due every batch / rate
 * seconds whatever the answers before it, as independent visitors arrive, and its latency counts
 * from when it was due (a late sender does not hide a slow server): the latency a store gives at
 * that load.
 */
async function scenario(bases, batch, pids = [], databaseUrl = undefined, rate = undefined) {
  const latencies = [];
  let events = 0;
  let requests = 0;
  let errors = 0;
  let measuring = false;
  let stop = false;
  let visitors = 0;
  const requestAgent = rate ? openAgent : agent;

  /** Sends a visitor's next request; true when the visitor has more to send. */
  async function send(visitor, due = performance.now()) {
    // Request k of visitor n goes to process (n + k) mod processes: round robin.
    const base = bases[(visitor.n + visitor.visit) % bases.length];
    const profiles = `${base}/v2/organizations/demo/environments/main/profiles`;
    const payload = body(batch);
    // A connection reset (a keep-alive socket the server closed) counts as an error.
    const answer = await post(
      visitor.id ? `${profiles}/${visitor.id}` : profiles,
      payload,
      requestAgent,
    ).catch(() => ({ status: 0 }));
    const ms = performance.now() - due;
    if (answer.status !== 200) {
      if (process.env.BENCH_TRACE)
        traceLines.push(
          `${(performance.timeOrigin + due).toFixed(1)} ${ms.toFixed(1)} ${answer.status} ${answer.text ?? answer.error}`,
        );
      errors++;
      return false;
    }
    visitor.id = JSON.parse(answer.text).data.profile.id;
    visitor.visit++;
    if (measuring) {
      if (process.env.BENCH_TRACE)
        traceLines.push(`${(performance.timeOrigin + due).toFixed(1)} ${ms.toFixed(1)} ${answer.status}`);
      latencies.push(ms);
      requests++;
      events += batch;
    }
    return visitor.visit <= VISITS;
  }

  const newVisitor = () => ({ n: visitors++, visit: 0, id: undefined });
  let workers;
  if (rate) {
    const interval = (batch / rate) * 1000;
    const idle = [];
    const inFlight = new Set();
    const start = performance.now();
    let sent = 0;
    const tick = () => {
      if (stop) return;
      for (let due = start + sent * interval; due <= performance.now(); due = start + sent * interval) {
        sent++;
        const visitor = idle.pop() ?? newVisitor();
        const request = send(visitor, due).then((more) => {
          inFlight.delete(request);
          if (more) idle.push(visitor);
        });
        inFlight.add(request);
      }
      setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    tick();
    workers = [
      (async () => {
        while (!stop) await new Promise((r) => setTimeout(r, 100));
        await Promise.all(inFlight);
      })(),
    ];
  } else {
    workers = Array.from({ length: CONCURRENCY }, async (_, n) => {
      while (!stop) {
        const visitor = { ...newVisitor(), n };
        while (!stop && (await send(visitor))) {}
      }
    });
  }
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
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  await new Promise((r) => setTimeout(r, DURATION * 1000));
  measuring = false;
  const cpu = cpuMs(pids) - cpuBefore;
  const serverCpu = cpuMs(serverPids) - serverBefore;
  const client = process.cpuUsage(clientBefore);
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
    clientCpuPerEvent: events > 0 ? (client.user + client.system) / events : 0,
    max: latencies[latencies.length - 1] ?? 0,
  };
}

/**
 * The time (ms) a fixed integer loop takes on one core: the host's speed at that moment. The
 * machine is shared, and its speed drifts by a third within a session; two runs compare only
 * as far as their probes agree.
 */
function speedProbe() {
  const started = performance.now();
  let x = 0;
  for (let i = 0; i < 1e8; i++) x = (x * 31 + i) | 0;
  return (performance.now() - started + (x & 0)).toFixed(0);
}

/**
 * The kernel's writeback of dirty pages, which decides PostgreSQL's slowest commits on this kind
 * of machine: a file PostgreSQL extends (new table and index pages) stays dirty in the page cache
 * until the kernel writes it back, by default when it is 30 s old or 10 % of memory is dirty; the
 * writeback then sends hundreds of megabytes at once and each COMMIT's WAL flush waits behind it
 * (250–500 ms in this bench). `vm.dirty_background_bytes` set to 64 MB makes the writeback
 * continuous (see the API README, "PostgreSQL in production").
 */
function writeback() {
  const read = (name) => {
    try {
      return Number(readFileSync(`/proc/sys/vm/${name}`, 'utf8'));
    } catch {
      return undefined;
    }
  };
  const bytes = read('dirty_background_bytes');
  const ratio = read('dirty_background_ratio');
  const expire = read('dirty_expire_centisecs');
  const background = bytes
    ? `vm.dirty_background_bytes=${bytes} (${(bytes / 2 ** 20).toFixed(0)} MB)`
    : `vm.dirty_background_ratio=${ratio} (% of memory)`;
  return { continuous: Boolean(bytes), text: `${background}, vm.dirty_expire_centisecs=${expire}` };
}

const kernelWriteback = writeback();
if (!kernelWriteback.continuous && MODES.some((mode) => MODE_PROCESSES[mode]))
  console.warn(
    `[ninetailed] bench: kernel writeback ${kernelWriteback.text}: PostgreSQL's p99 will include writeback stalls; as a PostgreSQL host runs: sysctl -w vm.dirty_background_bytes=67108864`,
  );
const loadBefore = loadavg()[0] ?? 0;
const speedBefore = speedProbe();
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
      const rows = BATCHES.map((batch) => ({ batch }));
      if (OPEN_BATCH) rows.push({ batch: OPEN_BATCH, open: true });
      for (const { batch, open } of rows) {
        const rate = open
          ? (OPEN_RATE ??
            results.find((r) => r.mode === 'group' && r.batch === OPEN_BATCH && !r.rate)?.eventsPerSecond)
          : undefined;
        if (open && !rate) continue;
        const result = {
          mode,
          rate,
          ...(await scenario(
            servers.map((server) => server.url),
            batch,
            servers.map((server) => server.child?.pid).filter(Boolean),
            databaseUrl,
            rate,
          )),
        };
        results.push(result);
        console.log(
          `[ninetailed] ${MODE_NAMES[mode] ?? mode}, batch ${batch}${rate ? `, open loop at ${rate.toFixed(0)} events/s` : ''}: ${result.eventsPerSecond.toFixed(0)} events/s, ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, CPU ${result.cpuPerEvent.toFixed(0)} µs/event (server ${result.serverCpuPerEvent.toFixed(0)}, load generator ${result.clientCpuPerEvent.toFixed(0)}), errors ${result.errors}`,
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
  openAgent.destroy();
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

const speedAfter = speedProbe();
const cpu = cpus();
const lines = [
  '# Experience API throughput',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} with \`pnpm bench\` (apps/experience-api) on ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`,
  `Servers in their own processes: SQLite (file, WAL; in both commit modes a request is answered only after the WAL holding its writes is fsync'd), or PostgreSQL ${postgresVersion()} (a local cluster on the same machine with PostgreSQL's own settings, \`fsync=on\`, \`synchronous_commit=on\`: answered after COMMIT's WAL flush; group commit unless the row says otherwise; over the Unix socket unless it says TCP) with one or two server processes on one database; each request all-or-nothing;`,
  `kernel writeback during the run: ${kernelWriteback.text};`,
  `with two processes the load generator alternates a visitor's requests between them (a round-robin load balancer);`,
  `load generator in this process over keep-alive HTTP on 127.0.0.1, ${WARMUP} s warm-up then ${DURATION} s measured per row;`,
  `load \`${CONCURRENCY} in flight\`: closed loop, each of ${CONCURRENCY} clients sends its next request when its last one is answered (the most a store serves; latency is then about ${CONCURRENCY} / requests per second, queueing included);`,
  `load \`open loop\`: a request is due every (events per request / rate) seconds whatever the answers before it, and its latency counts from when it was due (a late sender hides no server delay); the rate is the one SQLite (group commit) reached closed-loop in this run, unless OPEN_RATE sets it: the latency each store gives at that load.`,
  `Each virtual visitor creates a profile and sends ${VISITS} more requests to it (profile update endpoint), events a mix of page (news/sport categories) and \`add_to_cart\` track events, evaluated against the demo audiences on every request.`,
  '',
  ...markdownTable(
    [
      'store, processes, commit mode',
      'events per request',
      'load',
      'events/s',
      'requests/s',
      'p50 latency',
      'p99 latency',
      'max latency',
      'CPU µs/event',
      'of which server',
      'load generator CPU µs/event',
      'errors',
    ],
    results.map((r) => [
      MODE_NAMES[r.mode] ?? r.mode,
      String(r.batch),
      r.rate ? `open loop, ${r.rate.toFixed(0)} events/s due` : `${CONCURRENCY} in flight`,
      r.eventsPerSecond.toFixed(0),
      r.requestsPerSecond.toFixed(0),
      `${r.p50.toFixed(2)} ms`,
      `${r.p99.toFixed(2)} ms`,
      `${r.max.toFixed(1)} ms`,
      r.cpuPerEvent.toFixed(0),
      r.serverCpuPerEvent.toFixed(0),
      r.clientCpuPerEvent.toFixed(0),
      String(r.errors),
    ]),
  ),
  '',
  '`CPU µs/event`: CPU time of the server processes plus, on PostgreSQL, the connections to the bench database (from /proc; not the cluster’s WAL writer and checkpointer, shared with other databases) during the measured seconds, per event: the cost of the work whatever else runs on the machine; `of which server`: the server processes alone (on SQLite, all of it). Two cores at full use give at most 2,000,000 / that number events per second.',
  '',
  `Figures depend on the machine and its load: the 1-minute load average was ${loadBefore.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end of this run (on ${cpu.length} cores shared with other work), so they vary between runs; a fixed loop on one core (the host's speed) took ${speedBefore} ms before and ${speedAfter} ms after.`,
  '',
];
if (process.env.BENCH_URL) process.exit(0);
console.log(`[ninetailed] speed probe: ${speedBefore} ms before, ${speedAfter} ms after`);
writeFileSync(RESULTS, lines.join('\n'));
console.log(`[ninetailed] results written to ${relative(process.cwd(), RESULTS)}`);
