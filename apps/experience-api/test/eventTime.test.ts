/** `eventTime`: an event's own time on the server's clock, corrected for the device clock and clamped. */
import { describe, expect, it } from 'vitest';
import { EVENT_TIME_WINDOW_MS, eventTime } from '../src/domain/eventTime';

const RECEIVED = Date.UTC(2026, 0, 10, 12);
const iso = (ms: number) => new Date(ms).toISOString();

describe('eventTime', () => {
  it('corrects the device clock by sentAt: a call 2 s before the request left happened 2 s before arrival', () => {
    // The device clock is 1 h behind: only the difference between its two readings counts.
    const device = RECEIVED - 3_600_000;
    expect(eventTime({ timestamp: iso(device - 2000), sentAt: iso(device) }, RECEIVED)).toBe(RECEIVED - 2000);
    expect(
      eventTime(
        { originalTimestamp: iso(device - 500), timestamp: iso(device - 9000), sentAt: iso(device) },
        RECEIVED,
      ),
    ).toBe(RECEIVED - 500);
  });

  it('takes the call time as sent without sentAt, and the arrival without any timestamp', () => {
    expect(eventTime({ timestamp: iso(RECEIVED - 60_000) }, RECEIVED)).toBe(RECEIVED - 60_000);
    expect(eventTime({}, RECEIVED)).toBe(RECEIVED);
    expect(eventTime({ sentAt: iso(RECEIVED - 5000) }, RECEIVED)).toBe(RECEIVED);
  });

  it('never dates an event in the future nor more than a week before its arrival', () => {
    expect(eventTime({ timestamp: iso(RECEIVED + 3_600_000) }, RECEIVED)).toBe(RECEIVED);
    // sentAt before the call (a broken clock) would put it in the future.
    expect(eventTime({ timestamp: iso(RECEIVED), sentAt: iso(RECEIVED - 10_000) }, RECEIVED)).toBe(RECEIVED);
    expect(eventTime({ timestamp: iso(Date.UTC(2020, 0, 1)) }, RECEIVED)).toBe(
      RECEIVED - EVENT_TIME_WINDOW_MS,
    );
    expect(eventTime({ timestamp: iso(RECEIVED - 30 * 86_400_000), sentAt: iso(RECEIVED) }, RECEIVED)).toBe(
      RECEIVED - EVENT_TIME_WINDOW_MS,
    );
  });
});
