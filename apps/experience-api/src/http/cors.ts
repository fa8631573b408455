import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_METHODS = 'GET, POST, DELETE, OPTIONS';
const DEFAULT_ALLOWED_HEADERS = 'Content-Type, X-Force-IP';

/**
 * Sets the CORS headers every answer carries. There are no credentials (the organisation id is
 * in the path), so any origin may call.
 *
 * @example
 * applyCors(req, res); // before writing the answer
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
    // Echo what the client asks for: a proxy or an SDK may add its own headers.
    const requested = req.headers['access-control-request-headers'];
    res.setHeader('Access-Control-Allow-Headers', requested || DEFAULT_ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
    // Chrome's Private Network Access: a public page may call this server on localhost.
    if (req.headers['access-control-request-private-network'] === 'true') {
      res.setHeader('Access-Control-Allow-Private-Network', 'true');
    }
  }
}
