import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../domain/errors';

const ALLOWED_METHODS = 'GET, POST, DELETE, OPTIONS';
const DEFAULT_ALLOWED_HEADERS = 'Content-Type, X-Force-IP';

/**
 * The CORS headers of a protocol endpoint (profiles, events): any origin may call, as there
 * are no credentials (the organisation id is in the path). A preflight (`OPTIONS`) also gets
 * the allowed methods and headers, the max age and Chrome's Private Network Access answer.
 *
 * @example
 * for (const [name, value] of protocolCors('OPTIONS', req.headers)) res.setHeader(name, value);
 */
export function protocolCors(method: string, headers: IncomingHttpHeaders): [string, string][] {
  return corsHeaders('*', method, headers);
}

/**
 * The CORS headers of an inspection endpoint (`/__local/*`), which hand out every event with
 * its traits and can clear the log: refused (403 `ERR_FORBIDDEN`, no CORS headers) unless the
 * `Host` is a loopback name (or the address the server was bound to) and the `Origin`, if any,
 * is the same origin or a loopback one. That keeps other web pages out, DNS rebinding included.
 * An allowed origin is echoed, never `*`.
 *
 * @example
 * inspectionCors('GET', { host: '127.0.0.1:3030', origin: 'http://localhost:5173' }, '127.0.0.1');
 */
export function inspectionCors(
  method: string,
  headers: IncomingHttpHeaders,
  boundHost: string,
): [string, string][] {
  const host = headers.host ?? '';
  if (!isLoopbackHost(host, boundHost)) {
    throw new ApiError(
      403,
      'ERR_FORBIDDEN',
      'the inspection endpoints answer only requests to a loopback host (such as 127.0.0.1 or localhost)',
    );
  }
  const origin = headers.origin;
  if (origin === undefined) return method === 'OPTIONS' ? corsHeaders(undefined, method, headers) : [];
  if (!isLoopbackOrigin(origin, host, boundHost)) {
    throw new ApiError(
      403,
      'ERR_FORBIDDEN',
      'the inspection endpoints answer only pages of this server or of a loopback origin (such as http://localhost:5173)',
    );
  }
  return [...corsHeaders(origin, method, headers), ['Vary', 'Origin']];
}

function corsHeaders(
  origin: string | undefined,
  method: string,
  headers: IncomingHttpHeaders,
): [string, string][] {
  const out: [string, string][] = [];
  if (origin !== undefined) out.push(['Access-Control-Allow-Origin', origin]);
  out.push(['Access-Control-Expose-Headers', 'Retry-After']);
  if (method === 'OPTIONS') {
    out.push(['Access-Control-Allow-Methods', ALLOWED_METHODS]);
    // Echo what the client asks for: a proxy or an SDK may add its own headers.
    out.push([
      'Access-Control-Allow-Headers',
      headers['access-control-request-headers'] || DEFAULT_ALLOWED_HEADERS,
    ]);
    out.push(['Access-Control-Max-Age', '600']);
    // Chrome's Private Network Access: a public page may call this server on localhost.
    if (headers['access-control-request-private-network'] === 'true') {
      out.push(['Access-Control-Allow-Private-Network', 'true']);
    }
  }
  return out;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostnameOf(host: string): string {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
  return name.toLowerCase();
}

/**
 * `true` for a `Host` header naming the loopback interface (`localhost`, `*.localhost`,
 * `127.x.x.x`, `[::1]`, any port) or the specific address the server was bound to.
 *
 * @example
 * isLoopbackHost('localhost:3030', '127.0.0.1'); // true
 * isLoopbackHost('evil.example:3030', '127.0.0.1'); // false
 */
export function isLoopbackHost(host: string, boundHost: string): boolean {
  const name = hostnameOf(host);
  if (LOOPBACK_NAMES.has(name) || name.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(name))
    return true;
  const bound = boundHost.includes(':') ? `[${boundHost}]` : boundHost;
  return !['0.0.0.0', '[::]', ''].includes(bound) && name === bound.toLowerCase();
}

function isLoopbackOrigin(origin: string, host: string, boundHost: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.host === host.toLowerCase() || isLoopbackHost(url.host, boundHost);
}
