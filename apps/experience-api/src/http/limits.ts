/**
 * Timeouts and caps of the HTTP layer: what a slow or greedy client may hold. Every answer
 * Node gives on these (408, 431, 400) carries the error envelope.
 */
export interface HttpLimits {
  /** Time to receive a request's headers; beyond it 408 `ERR_REQUEST_TIMEOUT`. Default 20 s. */
  headersTimeoutMs: number;
  /**
   * Time to receive a whole request, headers and body; beyond it 408 `ERR_REQUEST_TIMEOUT`
   * and the connection is closed. Default 30 s.
   */
  requestTimeoutMs: number;
  /** A connection with no traffic at all for this long is closed. Default 60 s. */
  idleTimeoutMs: number;
  /** How long an idle keep-alive connection stays open between requests. Default 5 s. */
  keepAliveTimeoutMs: number;
  /** Open connections at once; more are closed as they arrive. Default 512. */
  maxConnections: number;
  /**
   * Bytes of request bodies held in memory by all requests together; past it a request answers
   * 503 `ERR_SERVER_BUSY` with `Retry-After`. Default 64 MiB.
   */
  maxBufferedBytes: number;
}

/** The defaults of {@link HttpLimits}. */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 512,
  maxBufferedBytes: 64 * 1024 * 1024,
};

/**
 * The defaults with the given overrides, checked: every value a positive number, and the
 * headers timeout no longer than the request timeout (Node refuses that).
 *
 * @example
 * resolveHttpLimits({ requestTimeoutMs: 500, headersTimeoutMs: 500 });
 */
export function resolveHttpLimits(overrides: Partial<HttpLimits> = {}): HttpLimits {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
      throw new Error(
        `[ninetailed] invalid http.${name} ${JSON.stringify(value)}: expected a positive number`,
      );
    }
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error(
      `[ninetailed] invalid http limits: headersTimeoutMs (${limits.headersTimeoutMs}) must not exceed requestTimeoutMs (${limits.requestTimeoutMs})`,
    );
  }
  return limits;
}
