import { ApiError } from '../domain/errors';
import type { Logger } from './log';

/** One answer: a status and a JSON body (or none for 204). */
export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * The answer to a thrown error: an {@link ApiError} as its envelope; anything else is logged
 * and answered 500 `ERR_INTERNAL_SERVER_ERROR` (no detail leaks to the client).
 *
 * @example
 * const answer = errorAnswer(new ApiError(404, 'ERR_NOT_FOUND', 'no endpoint at "/x"'), log);
 */
export function errorAnswer(error: unknown, log: Logger): ApiResponse {
  if (error instanceof ApiError) {
    return { status: error.status, body: error.toEnvelope(), headers: error.headers };
  }
  log({
    time: new Date().toISOString(),
    level: 'error',
    msg: 'internal error',
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  const internal = new ApiError(500, 'ERR_INTERNAL_SERVER_ERROR', 'internal server error; retry later');
  return { status: 500, body: internal.toEnvelope() };
}

/**
 * The headers and payload of a JSON answer: `Content-Type`, `Content-Length`, no caching.
 *
 * @example
 * const { headers, payload } = jsonPayload({ data: {} });
 */
export function jsonPayload(body: unknown): { headers: Record<string, string>; payload: string } {
  const payload = JSON.stringify(body);
  return {
    payload,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(payload)),
      'Cache-Control': 'no-store',
    },
  };
}
