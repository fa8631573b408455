import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the proxy does with one request: answer `status` itself (with the Experience API's error
 * envelope, CORS headers and an optional `Retry-After`), `hang` (never answer, never forward),
 * or `delay` it by that many milliseconds before forwarding. `null` forwards it at once.
 */
export type Fault = { status: number; retryAfter?: number } | { hang: true } | { delay: number } | null;

/** One request the proxy received (CORS preflights excluded). */
export interface ProxiedRequest {
  index: number;
  method: string;
  path: string;
  body: string;
  fault: Fault;
}

/** Picks the fault of a request; `index` counts non-preflight requests from 0. */
export type FaultRule = (request: ProxiedRequest) => Fault;

/**
 * A minimal fault-injecting HTTP proxy on 127.0.0.1 in front of the local Experience API.
 *
 * `@ninetailed/bench` exports a fuller one (`startFaultProxy`), but bench depends on this
 * package, so a devDependency back on it would make a dependency cycle that turbo refuses.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy(api.url, ({ index }) => (index === 0 ? { status: 503 } : null));
 * new Ninetailed({ clientId: 'demo', url: proxy.url });
 * await proxy.close();
 * ```
 */
export async function startFaultProxy(target: string, rule: FaultRule = () => null) {
  const log: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const cors = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Retry-After' };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    let fault: Fault = null;
    if (method !== 'OPTIONS') {
      const request: ProxiedRequest = { index: log.length, method, path, body, fault: null };
      fault = request.fault = rule(request);
      log.push(request);
    }
    if (fault && 'hang' in fault) return;
    if (fault && 'delay' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delay));
    else if (fault) {
      const code = fault.status === 429 ? 'ERR_PROFILE_OVERLOAD' : 'ERR_INTERNAL_SERVER_ERROR';
      res.writeHead(fault.status, {
        ...cors,
        'content-type': 'application/json',
        ...(fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) }),
      });
      res.end(
        JSON.stringify({ message: `[fault proxy] injected ${fault.status}`, data: {}, error: { code } }),
      );
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
        headers[name] = value;
    }
    const answer = await fetch(`${target}${path}`, {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : body,
    });
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name))
        out[name] = value;
    });
    res.writeHead(answer.status, out);
    res.end(Buffer.from(await answer.arrayBuffer()));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    /** Replaces the rule. */
    setRule(next: FaultRule) {
      rule = next;
    },
    /** Stops listening and drops every connection (hung requests included). */
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
