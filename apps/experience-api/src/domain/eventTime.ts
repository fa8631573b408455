/** How far before its arrival an event's own time may place it: older claims are clamped to this. */
export const EVENT_TIME_WINDOW_MS = 7 * 86_400_000;

/** The timestamps an event may carry (validated ISO 8601 strings, section 3 of the protocol). */
export interface EventTimestamps {
  readonly originalTimestamp?: string;
  readonly timestamp?: string;
  readonly sentAt?: string;
}

const parse = (value: string | undefined): number | undefined => {
  const ms = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
};

/**
 * When an event happened, on the server's clock: the time of the call (`originalTimestamp`, else
 * `timestamp`) corrected by the client clock's offset, `receivedAt − (sentAt − call time)`, the
 * way Segment and PostHog correct device clocks; without `sentAt`, the call time as sent. The
 * result is clamped to `[receivedAt − EVENT_TIME_WINDOW_MS, receivedAt]` (nothing is dated in
 * the future or more than a week back); an event without timestamps happened on arrival.
 *
 * Insights compares the times of two events from one device (a view held in the SDK's queue,
 * then a conversion sent at once), so their order is the order on that device, not the order
 * in which two endpoints happened to receive them.
 *
 * @example
 * eventTime({ timestamp: '2026-01-01T00:00:00.000Z', sentAt: '2026-01-01T00:00:02.000Z' }, received);
 * // received − 2000: the call was made two seconds before the request left
 */
export function eventTime(event: EventTimestamps, receivedAt: number): number {
  const called = parse(event.originalTimestamp) ?? parse(event.timestamp);
  if (called === undefined) return receivedAt;
  const sent = parse(event.sentAt);
  const at = sent === undefined ? called : receivedAt - (sent - called);
  return Math.min(receivedAt, Math.max(receivedAt - EVENT_TIME_WINDOW_MS, at));
}
