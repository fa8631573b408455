/** Error codes of the protocol (section 5 of experience-api.md), plus the local server's own. */
export type ErrorCode =
  | 'ERR_INVALID_DATA'
  | 'ERR_CONFIG_NOT_FOUND'
  | 'ERR_PROFILE_NOT_FOUND'
  | 'ERR_PROFILE_OVERLOAD'
  | 'ERR_ORGANIZATION_OVERLOAD'
  | 'ERR_FORBIDDEN'
  | 'ERR_REQUEST_TIMEOUT'
  | 'ERR_HEADERS_TOO_LARGE'
  | 'ERR_SERVER_BUSY'
  | 'ERR_PAYLOAD_TOO_LARGE'
  | 'ERR_NOT_FOUND'
  | 'ERR_METHOD_NOT_ALLOWED'
  | 'ERR_INTERNAL_SERVER_ERROR';

/** The error envelope every failed request answers with. */
export interface ErrorEnvelope {
  message: string;
  data: Record<string, never>;
  error: { code: ErrorCode };
}

/**
 * An error that becomes an HTTP answer with the protocol's error envelope.
 *
 * @example
 * throw new ApiError(400, 'ERR_INVALID_DATA', 'events[3].type: unknown event type "screen"');
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The JSON body of the answer. */
  toEnvelope(): ErrorEnvelope {
    return { message: this.message, data: {}, error: { code: this.code } };
  }
}

/**
 * A 400 `ERR_INVALID_DATA` naming the bad path.
 *
 * @example
 * throw invalid('events[0].messageId', 'must be a non-empty string');
 */
export function invalid(path: string, problem: string): ApiError {
  return new ApiError(400, 'ERR_INVALID_DATA', `${path}: ${problem}`);
}

/**
 * Quotes a client-provided string for an error message: JSON-escaped (NUL bytes, newlines and
 * lone surrogates stay visible and harmless) and cut to 64 characters.
 *
 * @example
 * quote('screen'); // '"screen"'
 */
export function quote(value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}
