/**
 * Base class of every error this SDK reports. `code` is stable; `message` starts with `[ninetailed]`.
 *
 * @example
 * ```ts
 * import { NinetailedError } from '@ninetailed/experience.js';
 * ninetailed.track('').catch((e) => { if (e instanceof NinetailedError) console.log(e.code); });
 * ```
 */
export class NinetailedError extends Error {
  // `declare` fields (set in the constructor) emit no class-field code: an ES2020 build would
  // otherwise pull in a defineProperty helper.
  declare readonly code: string;
  constructor(code: string, message: string, name = 'NinetailedError') {
    super(`[ninetailed] ${message}`);
    // Passed by hand: minifiers rename classes, so `new.target.name` would be unreadable.
    this.name = name;
    this.code = code;
  }
}

/**
 * A bad option given to `new Ninetailed(...)` (for example an empty `clientId`).
 * The only error the SDK throws synchronously.
 *
 * @example
 * ```ts
 * import { Ninetailed, NinetailedConfigError } from '@ninetailed/experience.js';
 * try { new Ninetailed({ clientId: '' }); } catch (e) { console.log(e instanceof NinetailedConfigError); }
 * ```
 */
export class NinetailedConfigError extends NinetailedError {
  /** The option that is wrong, for example `clientId`. */
  declare readonly option: string;
  constructor(option: string, message: string) {
    super('ERR_CONFIG', message, 'NinetailedConfigError');
    this.option = option;
  }
}

/**
 * A bad argument to `page`, `track` or `identify`. Nothing was sent for that call.
 *
 * @example
 * ```ts
 * import { NinetailedInputError } from '@ninetailed/experience.js';
 * ninetailed.track('').catch((e) => e instanceof NinetailedInputError && console.log(e.argument)); // 'event'
 * ```
 */
export class NinetailedInputError extends NinetailedError {
  /** The argument that is wrong: `event`, `uid`, `properties` or `traits` (the message names the key). */
  declare readonly argument: string;
  constructor(argument: string, message: string) {
    super('ERR_INPUT', `${argument}: ${message}`, 'NinetailedInputError');
    this.argument = argument;
  }
}

/**
 * A request to the Experience API failed (network, timeout, or an error answer).
 * `code` is the API's error code when it sent one (`ERR_INVALID_DATA`, ...), else
 * `ERR_NETWORK`, `ERR_TIMEOUT`, `ERR_HTTP` or `ERR_BAD_RESPONSE`. Reported through `onError`;
 * a call's promise rejects with it only when its event was dropped (a 400).
 *
 * @example
 * ```ts
 * import { NinetailedDeliveryError } from '@ninetailed/experience.js';
 * ninetailed.page().catch((e) => e instanceof NinetailedDeliveryError && console.log(e.status)); // 400
 * ```
 */
export class NinetailedDeliveryError extends NinetailedError {
  /** HTTP status, or 0 when no answer came. */
  declare readonly status: number;
  /** Milliseconds the server asked to wait (`Retry-After`), or 0. */
  declare readonly retryAfter: number;
  constructor(code: string, status: number, message: string, retryAfter = 0) {
    super(code, message, 'NinetailedDeliveryError');
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/**
 * `String(value)` for error messages, which never throws: interpolating a thrown `Symbol`, or an
 * object with no usable `toString` (`Object.create(null)`, a hostile Proxy), would throw again
 * inside the `catch` that reports it, and escape into the page.
 *
 * @example
 * ```ts
 * printable(new Error('kaput')); // 'Error: kaput'
 * printable(Object.create(null)); // 'object'
 * ```
 */
export function printable(value: unknown): string {
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}
