import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, type ErrorCode } from '../domain/errors';
import { jsonPayload } from './respond';

/**
 * The answer to a request Node's HTTP parser refused before any handler ran (a malformed
 * request line or `Content-Length`, headers over the size limit, a request not received within
 * its timeout): the error envelope with the CORS header, as every other answer has, written
 * directly on the socket, which is then closed.
 *
 * @example
 * server.on('clientError', answerParserError);
 */
export function answerParserError(error: Error & { code?: string }, socket: Duplex): void {
  const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
    socket.destroy();
    return;
  }
  const refusal = parserRefusal(error.code);
  const { headers, payload } = jsonPayload(refusal.toEnvelope());
  const head = [
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}`,
    ...Object.entries({
      ...headers,
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'Retry-After',
      Connection: 'close',
    }).map(([name, value]) => `${name}: ${value}`),
  ].join('\r\n');
  socket.end(`${head}\r\n\r\n${payload}`);
}

/**
 * The status, code and message for a Node parser error code.
 *
 * @example
 * parserRefusal('HPE_HEADER_OVERFLOW').status; // 431
 */
export function parserRefusal(code: string | undefined): ApiError {
  const refuse = (status: number, errorCode: ErrorCode, message: string) =>
    new ApiError(status, errorCode, message);
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return refuse(431, 'ERR_HEADERS_TOO_LARGE', 'headers: larger than the server accepts');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return refuse(408, 'ERR_REQUEST_TIMEOUT', 'request: not received in time; send it again');
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return refuse(400, 'ERR_INVALID_DATA', 'Content-Length: is not a valid length for this request');
    default:
      return refuse(400, 'ERR_INVALID_DATA', `request: malformed HTTP (${code ?? 'parse error'})`);
  }
}
