import type { HttpBindings } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { ApiError, invalid, quote } from '../domain/errors';
import { type BodyBudget, parseJsonBody, readBody } from './body';
import { inspectionCors, protocolCors } from './cors';
import { dashboardAsset } from './dashboardAssets';
import {
  type ApiRequest,
  batchHandler,
  createProfileHandler,
  getProfileHandler,
  type HandlerContext,
  updateProfileHandler,
} from './handlers';
import {
  audiencesReportHandler,
  experiencesReportHandler,
  ingestHandler,
  metricsHandler,
} from './insightsHandlers';
import { clearEventsHandler, healthHandler, listEventsHandler } from './localHandlers';
import type { Logger } from './log';
import { type ApiResponse, errorAnswer, jsonPayload } from './respond';

type Handler = (ctx: HandlerContext, request: ApiRequest) => Promise<ApiResponse>;

/** What the HTTP layer needs besides the handlers' context. */
export interface AppOptions {
  /** Largest accepted body in bytes (413 beyond). */
  bodyLimit: number;
  /** Bytes of bodies all requests together may hold in memory (503 beyond). */
  budget: BodyBudget;
  /** The address the server is bound to (an allowed `Host` for the inspection endpoints). */
  host: string;
  log: Logger;
}

/** Set on a request whose `Expect: 100-continue` was refused: its body is never read. */
export const REFUSED_CONTINUE = Symbol('refusedContinue');

// `headers`: what every answer of the request carries (CORS), as a plain object, so answers are
// built as `new Response(body, { status, headers })`, the adapter's fast path.
type Env = { Bindings: HttpBindings; Variables: { headers: Record<string, string> } };

const BASE = '/v2/organizations/:org/environments/:env';
// Where the path parameters sit in the raw path, split on "/" ("", "v2", "organizations", org, ...).
const SEGMENTS = { org: 3, env: 5, profileId: 7 } as const;

/**
 * The Hono application of the Experience API: CORS (open on the protocol endpoints, loopback
 * only on the inspection endpoints), the routes with 404/405 answers, and the error envelope.
 * Handlers see an {@link ApiRequest} and answer an {@link ApiResponse}; only this layer knows
 * HTTP.
 *
 * @example
 * const app = createApp(ctx, { bodyLimit: 1 << 20, budget: { max: 64 << 20, used: 0 }, host: '127.0.0.1', log });
 * const listener = getRequestListener(app.fetch);
 */
export function createApp(ctx: HandlerContext, options: AppOptions): Hono<Env> {
  // Routes match the raw path (a trailing slash ignored), so each parameter is percent-decoded
  // exactly once (below).
  const app = new Hono<Env>({
    getPath: (request) => {
      const path = rawPath(request);
      return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    },
  });

  app.use(async (c, next) => {
    const { incoming } = c.env;
    const method = incoming.method ?? 'GET';
    const path = rawPath(c.req.raw);
    const inspection =
      (path.startsWith('/__local/') && !path.startsWith('/__local/health')) || isDashboardPath(path);
    let cors: [string, string][];
    try {
      cors = inspection
        ? inspectionCors(method, incoming.headers, options.host)
        : protocolCors(method, incoming.headers);
    } catch (error) {
      await drain(c, options);
      throw error;
    }
    c.set('headers', Object.fromEntries(cors));
    if (method === 'OPTIONS') {
      await drain(c, options);
      return respond(c, { status: 204 });
    }
    await next();
    await drain(c, options);
  });

  const route = (path: string, methods: Record<string, Handler>) => {
    for (const [method, handler] of Object.entries(methods)) {
      app.on(method, path, (c) => run(c, handler, options));
    }
    const allow = [...Object.keys(methods), 'OPTIONS'].join(', ');
    app.all(path, (c) => {
      throw new ApiError(
        405,
        'ERR_METHOD_NOT_ALLOWED',
        `${c.env.incoming.method} is not allowed on ${quote(rawPath(c.req.raw))} (allowed: ${allow})`,
        { Allow: allow },
      );
    });
  };
  route(`${BASE}/profiles`, { POST: createProfileHandler });
  route(`${BASE}/profiles/:profileId`, { POST: updateProfileHandler, GET: getProfileHandler });
  route(`${BASE}/events`, { POST: batchHandler });
  route('/__local/events', { GET: listEventsHandler, DELETE: clearEventsHandler });
  route('/__local/health', { GET: healthHandler });
  // Insights (issue 13): v7's ingest path, the reports, and the dashboard (loopback only, above).
  route('/v1/organizations/:org/environments/:env/events', { POST: ingestHandler });
  route(`${BASE}/insights/experiences`, { GET: experiencesReportHandler });
  route(`${BASE}/insights/audiences`, { GET: audiencesReportHandler });
  route(`${BASE}/insights/metrics`, { GET: metricsHandler });
  for (const path of ['/insights', '/insights/:file']) {
    app.get(path, async (c) => {
      if (!ctx.inspection) throw notFound(c);
      const { body, contentType } = await dashboardAsset(c.req.param('file') ?? 'index.html');
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: { ...c.get('headers'), 'Content-Type': contentType, 'Cache-Control': 'no-store' },
      });
    });
  }

  app.notFound((c) => respond(c, errorAnswer(notFound(c), options.log)));
  app.onError((error, c) => respond(c, errorAnswer(error, options.log)));

  async function run(c: Context<Env>, handler: Handler, opts: AppOptions): Promise<Response> {
    const url = c.req.url;
    const q = url.indexOf('?');
    const request: ApiRequest = {
      params: pathParams(rawPath(c.req.raw)),
      query: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)),
      json: async () => parseJsonBody(await body(c, opts)),
    };
    return respond(c, await handler(ctx, request));
  }

  return app;
}

function isDashboardPath(path: string): boolean {
  return path === '/insights' || path.startsWith('/insights/');
}

function notFound(c: Context<Env>): ApiError {
  return new ApiError(404, 'ERR_NOT_FOUND', `no endpoint at ${quote(rawPath(c.req.raw))}`);
}

const bodies = new WeakMap<object, Promise<Buffer>>();

/** The request body, read once (the handler's read and the final drain share it). */
function body(c: Context<Env>, { bodyLimit, budget }: AppOptions): Promise<Buffer> {
  const { incoming } = c.env;
  let read = bodies.get(incoming);
  if (!read) {
    read = readBody(incoming, { limit: bodyLimit, budget, refused: refusedContinue(incoming) });
    bodies.set(incoming, read);
  }
  return read;
}

/** Reads whatever the handler did not, so the connection stays usable for the next request. */
async function drain(c: Context<Env>, options: AppOptions): Promise<void> {
  const { incoming } = c.env;
  if (refusedContinue(incoming)) return;
  if (!incoming.complete) await body(c, options).catch(() => {});
}

function refusedContinue(incoming: object): boolean {
  return (incoming as { [REFUSED_CONTINUE]?: boolean })[REFUSED_CONTINUE] === true;
}

function respond(c: Context<Env>, answer: ApiResponse): Response {
  const headers = { ...c.get('headers'), ...answer.headers };
  // The body announced with `Expect: 100-continue` was never read: the connection cannot be reused.
  if (refusedContinue(c.env.incoming)) headers.Connection = 'close';
  if (answer.body === undefined) return new Response(null, { status: answer.status, headers });
  const json = jsonPayload(answer.body);
  return new Response(json.payload, { status: answer.status, headers: { ...headers, ...json.headers } });
}

/**
 * The path of a request as sent (no query), not yet percent-decoded.
 *
 * @example
 * rawPath(new Request('http://x/v2/a%20b?q=1')); // '/v2/a%20b'
 */
export function rawPath(request: Request): string {
  const url = request.url;
  const start = url.indexOf('/', url.indexOf('://') + 3);
  if (start === -1) return '/';
  const q = url.indexOf('?', start);
  return q === -1 ? url.slice(start) : url.slice(start, q);
}

function pathParams(path: string): Record<string, string> {
  const segments = path.split('/');
  const params: Record<string, string> = {};
  if (segments[1] !== 'v2' && segments[1] !== 'v1') return params;
  for (const [name, index] of Object.entries(SEGMENTS)) {
    const segment = segments[index];
    if (segment !== undefined && segment !== '') params[name] = decodeSegment(segment, name);
  }
  return params;
}

function decodeSegment(segment: string, name: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalid(name, 'is not a valid URL path segment');
  }
}
