import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { decideFault, type FaultAction, type FaultRule } from './faultRules';
import { type BufferedAnswer, forward } from './forward';

/**
 * Options of {@link startFaultProxy}.
 *
 * @example
 * ```ts
 * const options: FaultProxyOptions = { target: 'http://127.0.0.1:3030', seed: 7, rules: [] };
 * ```
 */
export interface FaultProxyOptions {
  /** Base URL requests are forwarded to (for example the local Experience API's `server.url`). */
  target: string;
  /** Port to listen on. Default `0`: a free port (read it from `proxy.url`). */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Fault rules, first match wins (see `FaultRule`). Default: none, a transparent proxy. */
  rules?: readonly FaultRule[];
  /** Seed of the fault schedule. Default `1`. */
  seed?: number;
}

/**
 * One request the proxy received, as the client experienced it.
 *
 * @example
 * ```ts
 * const failed = proxy.log.filter((r) => r.status !== null && r.status >= 500);
 * ```
 */
export interface ProxiedRequest {
  /** Index among the non-preflight requests (what rules see); `null` for a CORS preflight. */
  index: number | null;
  method: string;
  /** Path and query as the client sent them. */
  path: string;
  /** The request body as text. */
  body: string;
  bodyBytes: number;
  /** The fault applied, or `null` for a request passed through unchanged. */
  fault: FaultAction['type'] | null;
  /** Whether the target received the request. */
  forwarded: boolean;
  /** Status the client received; `null` while pending, and for a hang, a reset or a client that left. */
  status: number | null;
  /** Epoch milliseconds (sub-millisecond precision) when the request's body had arrived. */
  receivedAt: number;
  /** Epoch milliseconds when the answer was written, or `null`. */
  answeredAt: number | null;
  /** The client closed the connection before an answer. */
  clientGone: boolean;
}

/**
 * Counters since the start or the last `reset()`.
 *
 * @example
 * ```ts
 * const { requests, bytesIn } = proxy.stats();
 * ```
 */
export interface FaultProxyStats {
  /** Requests received, CORS preflights excluded. */
  requests: number;
  /** CORS preflights (`OPTIONS`) received; they are forwarded unless a rule names `OPTIONS`. */
  preflights: number;
  /** Requests (preflights included) that reached the target. */
  forwarded: number;
  /** Answers the clients received, by status. */
  statuses: Record<number, number>;
  /** Requests a rule picked, by action type. */
  faults: Record<FaultAction['type'], number>;
  /** TCP connections accepted. */
  connections: number;
  /** Bytes read from clients on the wire: request lines, headers and bodies. */
  bytesIn: number;
  /** Bytes written to clients on the wire. */
  bytesOut: number;
  /** Request body bytes (preflights have none). */
  bodyBytesIn: number;
}

/**
 * A running fault-injecting proxy.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy({ target: api.url });
 * await proxy.setOffline(true); // connections are refused
 * await proxy.setOffline(false); // same port, back
 * console.log(proxy.stats().requests);
 * await proxy.close();
 * ```
 */
export interface FaultProxy {
  /** Base URL of the proxy, for example `http://127.0.0.1:41234`: give it to the SDK as `url`. */
  readonly url: string;
  readonly port: number;
  /** Every request received since the start or the last `reset()`, in arrival order. */
  readonly log: readonly ProxiedRequest[];
  /** Whether connections are being refused. */
  readonly offline: boolean;
  /** Counters since the start or the last `reset()`. */
  stats(): FaultProxyStats;
  /** Replaces the rules (and the seed, when given). The request index keeps counting. */
  setRules(rules: readonly FaultRule[], seed?: number): void;
  /**
   * `true`: stops listening (new connections are refused, `ECONNREFUSED`) and destroys every
   * open connection, held requests included. `false`: listens again on the same port.
   */
  setOffline(offline: boolean): Promise<void>;
  /** Goes offline now and back online after `ms`; resolves when back online. */
  offlineFor(ms: number): Promise<void>;
  /** Destroys the connections of requests held by `hang` (and pending `delay`) rules. */
  releaseHeld(): void;
  /** Clears the log and the counters and restarts the request index at 0. Rules stay. */
  reset(): void;
  /**
   * Resolves when no request is being worked on: every received request has been answered,
   * reset, abandoned by its client, or is held by a `hang` rule (those never finish).
   */
  idle(): Promise<void>;
  /** Resolves once `count` non-preflight requests have arrived since the last `reset()`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** Stops listening and destroys every connection. Safe to call twice. */
  close(): Promise<void>;
}

const now = () => performance.timeOrigin + performance.now();

/**
 * Starts an HTTP proxy on 127.0.0.1 in front of `target` that injects faults on a deterministic,
 * seedable schedule: answers 5xx or 429 with `Retry-After` (with CORS headers, so a browser can
 * read them), hangs, late answers, reset connections, and offline periods that refuse
 * connections. CORS preflights go to the target, so the browser sees the target's own answer.
 * It counts requests and bytes on the wire.
 *
 * @example
 * ```ts
 * import { faults, startFaultProxy } from '@ninetailed/fault-proxy';
 * const proxy = await startFaultProxy({
 *   target: api.url,
 *   seed: 42,
 *   rules: [faults.serverErrors(0.3), faults.tooManyRequests({ retryAfter: 1, rate: 0.1 })],
 * });
 * const ninetailed = new Ninetailed({ clientId: 'demo', url: proxy.url });
 * // ...
 * console.log(proxy.stats().statuses); // { 200: 14, 503: 6, 429: 2 }
 * await proxy.close();
 * ```
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const host = options.host ?? '127.0.0.1';
  let rules: readonly FaultRule[] = options.rules ?? [];
  let seed = options.seed ?? 1;
  let log: ProxiedRequest[] = [];
  let stats = emptyStats();
  let nextIndex = 0;
  let offline = false;
  let closed = false;
  const sockets = new Set<Socket>();
  const held = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let waiters: { count: number; resolve: () => void }[] = [];
  const closedBytes = { in: 0, out: 0 };
  let byteOffset = { in: 0, out: 0 };
  const wireTotals = () => {
    const totals = { ...closedBytes };
    for (const socket of sockets) {
      totals.in += socket.bytesRead;
      totals.out += socket.bytesWritten;
    }
    return totals;
  };

  let handling = 0;
  let idleWaiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    handling++;
    handle(req, res)
      .catch(() => res.socket?.destroy())
      .finally(() => {
        handling--;
        if (handling === 0) {
          for (const resolve of idleWaiters) resolve();
          idleWaiters = [];
        }
      });
  });
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket) => {
    stats.connections++;
    sockets.add(socket);
    // Counters read live sockets too; a closed socket adds its totals once.
    socket.on('close', () => {
      sockets.delete(socket);
      held.delete(socket);
      closedBytes.in += socket.bytesRead;
      closedBytes.out += socket.bytesWritten;
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = (req.method ?? 'GET').toUpperCase();
    const path = req.url ?? '/';
    const preflight = method === 'OPTIONS';
    const index = preflight ? null : nextIndex++;
    const record: ProxiedRequest = {
      index,
      method,
      path,
      body: body.toString('utf8'),
      bodyBytes: body.length,
      fault: null,
      forwarded: false,
      status: null,
      receivedAt: now(),
      answeredAt: null,
      clientGone: false,
    };
    const entryLog = log;
    entryLog.push(record);
    stats.bodyBytesIn += body.length;
    if (preflight) stats.preflights++;
    else stats.requests++;
    notifyWaiters();
    res.on('close', () => {
      if (!res.writableFinished) record.clientGone = true;
    });

    const action = decideFault(rules, seed, { index: index ?? -1, method, path });
    if (action) {
      record.fault = action.type;
      stats.faults[action.type]++;
    }
    const send = (answer: BufferedAnswer) => {
      if (res.destroyed || res.writableEnded) return;
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
      record.status = answer.status;
      record.answeredAt = now();
      stats.statuses[answer.status] = (stats.statuses[answer.status] ?? 0) + 1;
    };
    const pass = async (): Promise<BufferedAnswer> => {
      record.forwarded = true;
      stats.forwarded++;
      try {
        return await forward(target, method, path, req.headers, body);
      } catch (error) {
        return faultAnswer(502, undefined, `target unreachable: ${String(error)}`);
      }
    };

    if (action === null) return send(await pass());
    switch (action.type) {
      case 'status':
        return send(faultAnswer(action.status, action.retryAfter));
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        held.add(req.socket);
        return;
      case 'delay': {
        held.add(req.socket);
        const early = action.applied ? pass() : null;
        await sleep(action.ms);
        held.delete(req.socket);
        // A client that gave up while we waited never reaches the server (unless already applied).
        if (res.destroyed) return;
        return send(await (early ?? pass()));
      }
    }
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  function notifyWaiters() {
    const ready = waiters.filter((w) => stats.requests >= w.count);
    waiters = waiters.filter((w) => stats.requests < w.count);
    for (const w of ready) w.resolve();
  }

  function listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  function stopListening(): Promise<void> {
    return new Promise((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  }

  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;

  const proxy: FaultProxy = {
    url: `http://${host}:${port}`,
    port,
    get log() {
      return log;
    },
    get offline() {
      return offline;
    },
    stats() {
      const wire = wireTotals();
      return {
        ...stats,
        statuses: { ...stats.statuses },
        faults: { ...stats.faults },
        bytesIn: wire.in - byteOffset.in,
        bytesOut: wire.out - byteOffset.out,
      };
    },
    setRules(next, nextSeed) {
      rules = next;
      if (nextSeed !== undefined) seed = nextSeed;
    },
    async setOffline(next) {
      if (closed || next === offline) return;
      offline = next;
      if (next) await stopListening();
      else await listen(port);
    },
    async offlineFor(ms) {
      await proxy.setOffline(true);
      await sleep(ms);
      await proxy.setOffline(false);
    },
    releaseHeld() {
      for (const socket of held) socket.destroy();
      held.clear();
    },
    reset() {
      log = [];
      nextIndex = 0;
      stats = emptyStats();
      // Live sockets keep their own counters: remember where the wire totals stood.
      byteOffset = wireTotals();
    },
    idle() {
      if (handling === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    waitForRequests(count, timeoutMs = 10_000) {
      if (stats.requests >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(
            new Error(
              `[ninetailed] fault proxy: ${stats.requests} of ${count} requests after ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        const waiter = {
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        waiters.push(waiter);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      if (!offline) await stopListening();
      for (const socket of sockets) socket.destroy();
    },
  };
  return proxy;
}

function emptyStats(): FaultProxyStats {
  return {
    requests: 0,
    preflights: 0,
    forwarded: 0,
    statuses: {},
    faults: { status: 0, hang: 0, delay: 0, reset: 0 },
    connections: 0,
    bytesIn: 0,
    bytesOut: 0,
    bodyBytesIn: 0,
  };
}

const ERROR_CODES: Record<number, string> = {
  400: 'ERR_INVALID_DATA',
  404: 'ERR_PROFILE_NOT_FOUND',
  429: 'ERR_PROFILE_OVERLOAD',
};

/** An injected answer: the Experience API's error envelope, readable cross-origin. */
function faultAnswer(status: number, retryAfter?: number, message?: string): BufferedAnswer {
  const code = ERROR_CODES[status] ?? (status >= 500 ? 'ERR_INTERNAL_SERVER_ERROR' : 'ERR_FAULT_INJECTED');
  const body = Buffer.from(
    JSON.stringify({ message: message ?? `[fault proxy] injected ${status}`, data: {}, error: { code } }),
  );
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'Retry-After',
      ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }),
    },
    body,
  };
}
