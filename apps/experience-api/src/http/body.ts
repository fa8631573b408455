import type { IncomingMessage } from 'node:http';
import { ApiError, invalid } from '../domain/errors';

/** The default bound on a request body: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

// Past this many bytes an oversized body is no longer drained but the connection is cut.
const DRAIN_CAP = 64 * 1024 * 1024;

/**
 * Bytes of request bodies held in memory by all requests together: past `max`, a request's
 * body is drained rather than kept and it answers 503 `ERR_SERVER_BUSY`.
 */
export interface BodyBudget {
  max: number;
  used: number;
}

/** How {@link readBody} reads: the per-request limit and the shared budget. */
export interface ReadBodyOptions {
  limit: number;
  budget: BodyBudget;
  /**
   * The client sent `Expect: 100-continue` with a `Content-Length` over the limit and was told
   * nothing: refuse at once (413) without waiting for a body it will not send.
   */
  refused?: boolean;
}

/**
 * Reads the whole request body. Beyond `limit` bytes (or past the shared budget) the rest is
 * drained, so the client reads the answer rather than a reset connection, and a 413 (or 503)
 * is thrown.
 *
 * @example
 * const body = await readBody(req, { limit: DEFAULT_BODY_LIMIT, budget: { max: 64 << 20, used: 0 } });
 */
export function readBody(req: IncomingMessage, { limit, budget, refused }: ReadBodyOptions): Promise<Buffer> {
  const tooLarge = () =>
    new ApiError(413, 'ERR_PAYLOAD_TOO_LARGE', `body: larger than the limit of ${limit} bytes`);
  if (refused) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let held = 0;
    let refusal: ApiError | undefined;
    const release = () => {
      budget.used -= held;
      held = 0;
      chunks.length = 0;
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (refusal) {
        if (size > DRAIN_CAP) req.destroy();
        return;
      }
      if (size > limit) refusal = tooLarge();
      else if (budget.used + chunk.length > budget.max) {
        refusal = new ApiError(
          503,
          'ERR_SERVER_BUSY',
          'body: the server holds too many request bodies at once; retry later',
          { 'Retry-After': '1' },
        );
      }
      if (refusal) {
        release();
        return;
      }
      chunks.push(chunk);
      held += chunk.length;
      budget.used += chunk.length;
    });
    req.on('end', () => {
      if (refusal) {
        reject(refusal);
        return;
      }
      const body = Buffer.concat(chunks, size);
      release();
      resolve(body);
    });
    // A client that goes away mid-body gets no answer anyway; this keeps it out of the error log.
    const aborted = () => {
      release();
      reject(invalid('body', 'the client closed the connection before sending it all'));
    };
    req.on('error', aborted);
    req.on('close', () => {
      if (!req.complete) aborted();
    });
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a body as JSON whatever its content type: browsers send `text/plain` to avoid a CORS
 * preflight, server callers send `application/json`.
 *
 * @example
 * const body = parseJsonBody(Buffer.from('{"events":[]}')); // { events: [] }
 */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) throw invalid('body', 'is empty; expected a JSON object');
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw invalid('body', 'is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw invalid('body', `is not valid JSON (${detail})`);
  }
}
