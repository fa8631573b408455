import type { IncomingMessage } from 'node:http';
import { ApiError, invalid } from '../domain/errors';

/** The default bound on a request body: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

// Past this many bytes an oversized body is no longer drained but the connection is cut.
const DRAIN_CAP = 64 * 1024 * 1024;

/**
 * Reads the whole request body. Beyond `limit` bytes the rest is drained (so the client reads
 * the answer rather than a reset connection) and a 413 is thrown.
 *
 * @example
 * const text = await readBody(req, DEFAULT_BODY_LIMIT);
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        if (size > DRAIN_CAP) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) {
        reject(new ApiError(413, 'ERR_PAYLOAD_TOO_LARGE', `body: larger than the limit of ${limit} bytes`));
      } else {
        resolve(Buffer.concat(chunks, size));
      }
    });
    // A client that goes away mid-body gets no answer anyway; this keeps it out of the error log.
    const aborted = () => reject(invalid('body', 'the client closed the connection before sending it all'));
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
