import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';

/** A complete HTTP answer, held in memory so that it can be delayed. */
export interface BufferedAnswer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

// Connection-level headers describe one hop, not the message: never copied across the proxy.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
  'content-length',
]);

/**
 * Sends one request to `target` (a base URL whose path prefix is kept) and buffers the answer.
 * Rejects on a network error (for example the target is down).
 *
 * @example
 * ```ts
 * const answer = await forward('http://127.0.0.1:3030', 'POST', '/v2/x', headers, body);
 * ```
 */
export function forward(
  target: URL,
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): Promise<BufferedAnswer> {
  const prefix = target.pathname.replace(/\/+$/, '');
  const outgoing: OutgoingHttpHeaders = copyHeaders(headers);
  outgoing.host = target.host;
  if (body.length > 0 || !['GET', 'HEAD', 'OPTIONS'].includes(method)) {
    outgoing['content-length'] = body.length;
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method,
        path: `${prefix}${path}`,
        headers: outgoing,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 502,
            headers: { ...copyHeaders(res.headers), 'content-length': body.length },
            body,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function copyHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const copy: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) copy[name] = value;
  }
  return copy;
}
