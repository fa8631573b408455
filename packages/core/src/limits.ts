/**
 * The SDK's numeric limits. They live in this module, which imports nothing, so bundlers can
 * inline them where they are used (a constant in a module with imports stays a variable).
 *
 * @example
 * ```ts
 * if (name.length > MAX_NAME) throw new Error('too long');
 * ```
 */

/** Most events, and identify events, in one request (experience-api.md section 5). */
export const MAX_BATCH_EVENTS = 200;
export const MAX_BATCH_IDENTIFIES = 50;
/** Body budget of one request, well under the server's 1 MiB. */
export const MAX_BATCH_BYTES = 512 * 1024;

/** Most events one tab keeps; beyond it the oldest go (reported). */
export const MAX_EVENTS = 1000;

/** A tab that has not written its heartbeat for this long is gone: another tab adopts its events. */
export const STALE_MS = 15_000;

/** How often a tab holding events, or watching another tab's, writes its heartbeat and looks around. */
export const BEAT_MS = 5000;

/**
 * Largest event the SDK accepts, in UTF-8 bytes of its JSON (keeps unload delivery possible).
 * Its error message (client.ts) spells the value out; errors.test.ts keeps the two in step.
 */
export const MAX_EVENT_BYTES = 32 * 1024;

/**
 * What the request adds to each event after the size check: `,"sentAt":"2026-01-01T00:00:00.000Z"`
 * (stamped per attempt, scheduler.ts). Counted in an event's size, so that an event the SDK
 * accepts is never one the Experience API refuses (which would fail its whole request).
 */
export const SENT_AT_BYTES = 36;

/** Deepest nesting accepted (the Experience API refuses deeper events). */
export const MAX_DEPTH = 32;

/**
 * Longest event name or alias the Experience API accepts. Its error messages (payloads.ts) spell
 * the value out; errors.test.ts keeps them in step.
 */
export const MAX_NAME = 1024;
