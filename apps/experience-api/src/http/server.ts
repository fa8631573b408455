import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { type ExperienceConfig, loadConfig } from '../config/config';
import { DEFAULT_CONFIG_FILE } from '../defaultConfigFile';
import {
  createRateLimiter,
  DEFAULT_CREATE_RATE_LIMIT,
  DEFAULT_PROFILE_RATE_LIMIT,
  organizationOverload,
  type ProfileRateLimit,
} from '../domain/rateLimit';
import { openStore } from '../store/openStore';
import type { LogEntry } from '../store/store';
import { createApp, REFUSED_CONTINUE } from './app';
import { DEFAULT_BODY_LIMIT } from './body';
import { type HandlerContext, resolveScope } from './handlers';
import { type HttpLimits, resolveHttpLimits } from './limits';
import { type Logger, resolveLogger } from './log';
import { answerParserError } from './parserErrors';
import { jsonPayload } from './respond';

export { DEFAULT_CONFIG_FILE } from '../defaultConfigFile';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** Port to listen on; `0` picks a free one. Default `3030`. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1` (not reachable from other machines). */
  host?: string;
  /** SQLite file (created if missing). Default `./experience-api.db`. Ignored with `databaseUrl`. */
  databaseFile?: string;
  /**
   * `postgres://user:password@host:port/database`: store in PostgreSQL instead of SQLite; any
   * number of server processes may share one database (see docs/scaling.md).
   */
  databaseUrl?: string;
  /** A configuration object (section 7 of experience-api.md) or the path of its JSON file. */
  config?: ExperienceConfig | string;
  /** Server clock in milliseconds (sessions, `withinDays`); tests inject one. */
  now?: () => number;
  /** Request log: a function per entry, or `false` for none. Default: JSON lines on stdout. */
  logger?: Logger | false;
  /** Largest accepted body in bytes; beyond it the answer is 413. Default 1 MiB. */
  bodyLimit?: number;
  /**
   * What a merged-away profile id answers: `redirect` (default) applies requests to the
   * surviving profile; `gone` answers 404 `ERR_PROFILE_NOT_FOUND` as the hosted API does.
   */
  mergedIds?: 'redirect' | 'gone';
  /** Id generator for profiles (default `crypto.randomUUID`). */
  newId?: () => string;
  /** `profile.random` generator (default `Math.random`). */
  random?: () => number;
  /**
   * Requests that arrive together share one fsync'd commit, each in its own savepoint (default
   * `true`). `false`: one transaction and one fsync per request (slower, same guarantees).
   */
  groupCommit?: boolean;
  /**
   * Serve `GET`/`DELETE /__local/events` (every event as received, for tests). Default: on when
   * bound to a loopback address (127.0.0.1, ::1, localhost), off otherwise.
   */
  inspection?: boolean;
  /** How long `close()` waits for in-flight requests before cutting connections. Default 10 s. */
  shutdownTimeoutMs?: number;
  /**
   * Per-profile rate limit on written events: beyond it a request answers 429
   * `ERR_PROFILE_OVERLOAD` with `Retry-After` and writes nothing. Default
   * `{ perSecond: 100, burst: 1000 }`; `false` turns it off. Preflights and reads are not charged.
   */
  profileRateLimit?: ProfileRateLimit | false;
  /**
   * Per organisation and environment: profiles created (by the create endpoint, or by the
   * batch endpoint for a new `anonymousId`); beyond it 429 `ERR_ORGANIZATION_OVERLOAD` with
   * `Retry-After`. Default `{ perSecond: 50, burst: 500 }`; `false` turns it off (benchmarks).
   */
  createRateLimit?: ProfileRateLimit | false;
  /**
   * Timeouts and caps of the HTTP layer (slow or greedy clients); see {@link HttpLimits} and the
   * README's table. Tests pass short timeouts.
   */
  http?: Partial<HttpLimits>;
}

/** A running server. */
export interface RunningServer {
  /** Base URL, for example `http://127.0.0.1:3030`. */
  url: string;
  port: number;
  host: string;
  /**
   * The inspection log of one organisation and environment (what `GET /__local/events` answers):
   * every accepted event in the order accepted; with `all`, duplicates too, flagged. For tests.
   *
   * @example
   * const paths = (await server.events()).map(({ event }) => event.context.page.path);
   */
  events(scope?: LocalScope & { all?: boolean }): Promise<LogEntry[]>;
  /**
   * Clears that log (and nothing else), as `DELETE /__local/events` does.
   *
   * @example
   * await server.clearEvents();
   */
  clearEvents(scope?: LocalScope): Promise<void>;
  /** Stops accepting, finishes in-flight requests, closes the database. Safe to call twice. */
  close(): Promise<void>;
}

/** Which organisation and environment: `demo` and `main` unless told. */
export interface LocalScope {
  organization?: string;
  environment?: string;
}

/**
 * Starts the local Experience API. A bad configuration is refused (the promise rejects with a
 * message naming the bad path) before anything listens.
 *
 * @example
 * const server = await startServer({ port: 0, databaseFile: '/tmp/x.db', logger: false });
 * await fetch(`${server.url}/v2/organizations/demo/environments/main/profiles`, { method: 'POST', body });
 * await server.close();
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const config = loadConfig(options.config ?? DEFAULT_CONFIG_FILE);
  const limiter = createRateLimiter(options.profileRateLimit ?? DEFAULT_PROFILE_RATE_LIMIT);
  const createLimiter = createRateLimiter(
    options.createRateLimit ?? DEFAULT_CREATE_RATE_LIMIT,
    organizationOverload,
  );
  const host = options.host ?? '127.0.0.1';
  const store = await openStore({
    databaseUrl: options.databaseUrl,
    databaseFile: options.databaseFile ?? './experience-api.db',
    groupCommit: options.groupCommit ?? true,
  });
  const log = resolveLogger(options.logger);
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  let closing = false;
  let inFlight = 0;
  const ctx: HandlerContext = {
    config,
    store,
    now: options.now ?? Date.now,
    newId: options.newId ?? randomUUID,
    random: options.random ?? Math.random,
    mergedIds: options.mergedIds ?? 'redirect',
    inFlight: () => inFlight,
    inspection: options.inspection ?? LOOPBACK.has(host),
    limiter,
    createLimiter,
  };
  let idle: (() => void) | undefined;

  const limits = resolveHttpLimits(options.http);
  const app = createApp(ctx, {
    bodyLimit,
    budget: { max: limits.maxBufferedBytes, used: 0 },
    host,
    log,
  });
  const listener = getRequestListener(app.fetch, {
    hostname: host.includes(':') ? `[${host}]` : host,
    autoCleanupIncoming: false,
    // A request Node parsed but the adapter cannot turn into a URL (a malformed Host header).
    errorHandler: () => {
      const { headers, payload } = jsonPayload({
        message: 'Host: is not a valid host header',
        data: {},
        error: { code: 'ERR_INVALID_DATA' },
      });
      return new Response(payload, {
        status: 400,
        headers: {
          ...headers,
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Expose-Headers': 'Retry-After',
        },
      });
    },
  });

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    const started = performance.now();
    if (closing) res.setHeader('Connection', 'close');
    res.on('close', () => {
      log({
        time: new Date().toISOString(),
        level: res.statusCode >= 500 ? 'error' : 'info',
        msg: 'request',
        method: req.method ?? '',
        path: pathOf(req),
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 100) / 100,
      });
      inFlight--;
      if (inFlight === 0) idle?.();
    });
    listener(req, res).catch((error: unknown) => {
      // The app answers every error itself; this is only reached if writing the answer failed.
      log({ time: new Date().toISOString(), level: 'error', msg: 'response failed', error: String(error) });
      res.destroy();
    });
  };
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node looks for requests past their timeout.
      connectionsCheckingInterval: Math.max(
        50,
        Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs, 30_000) / 4,
      ),
    },
    onRequest,
  );
  server.timeout = limits.idleTimeoutMs;
  server.maxConnections = limits.maxConnections;
  server.on('clientError', answerParserError);
  // `Expect: 100-continue`: a body announced over the limit is refused (413) before it is sent.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > bodyLimit) {
      (req as IncomingMessage & { [REFUSED_CONTINUE]?: boolean })[REFUSED_CONTINUE] = true;
    } else {
      res.writeContinue();
    }
    onRequest(req, res);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 3030, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.shutdownTimeoutMs ?? 10_000);
          idle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      server.closeAllConnections();
      await stopped;
      await store.close();
    })();
    return closed;
  };

  const scopeOf = ({ organization = 'demo', environment = 'main' }: LocalScope = {}) =>
    resolveScope(config, organization, environment).scope;
  return {
    url,
    port,
    host,
    close,
    events: async (scope) => store.listLog(scopeOf(scope), { includeDuplicates: scope?.all === true }),
    clearEvents: async (scope) => store.clearLog(scopeOf(scope)),
  };
}

function pathOf(req: IncomingMessage): string {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  return q === -1 ? raw : raw.slice(0, q);
}
