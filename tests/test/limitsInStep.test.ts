import { type FlushResult, memoryStorage, Ninetailed } from '@ninetailed/experience.js';
import { type RunningServer, startTemporaryServer } from '@ninetailed/experience-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/**
 * The SDK (`packages/core/src/limits.ts`) and the server (`domain/validate.ts`, `domain/json.ts`)
 * each hold the protocol's limits: the SDK refuses a call the server would refuse (so one bad
 * call never spoils a request), and must not refuse what the server takes. These tests find
 * where the SDK draws each line, then show the server accepting the SDK's largest event and
 * refusing one step beyond it, so the two copies cannot drift apart unnoticed. Real HTTP on
 * 127.0.0.1 and a real SQLite file.
 */
let api: RunningServer;
beforeAll(async () => {
  api = await startTemporaryServer();
});
afterAll(async () => {
  await api?.close();
});
beforeEach(async () => {
  await api.clearEvents();
});

/** A browser SDK whose requests are counted, each with its events. */
function sdk() {
  const bodies: { events: unknown[] }[] = [];
  const ninetailed = new Ninetailed({
    clientId: 'demo',
    url: api.url,
    location: { href: 'http://127.0.0.1/limits' },
    document: { title: 'Limits', referrer: '' },
    navigator: { userAgent: 'limits-in-step', language: 'en-GB' },
    storage: memoryStorage(),
    fetchImpl: (async (url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)));
      return fetch(url, init);
    }) as typeof fetch,
  });
  return { ninetailed, bodies };
}

/** Posts raw events to the profile-create endpoint, as any client could. */
async function postRaw(events: unknown[]) {
  const response = await fetch(`${api.url}/v2/organizations/demo/environments/main/profiles`, {
    method: 'POST',
    body: JSON.stringify({ events }),
  });
  return { status: response.status, body: (await response.json()) as { message: string } };
}

/** The largest `n` for which `accepts(n)` resolves true, given `accepts(low)` and not `accepts(high)`. */
async function edge(low: number, high: number, accepts: (n: number) => Promise<boolean>) {
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (await accepts(mid)) low = mid;
    else high = mid;
  }
  return low;
}

const refusedBy = (result: FlushResult) => (result.success ? null : result.error?.message);

describe('the SDK and the server draw the shared limits at the same place', () => {
  it('event size: the largest event the SDK sends is stored, one byte more is refused by both', async () => {
    const { ninetailed, bodies } = sdk();
    const padded = (n: number) => ninetailed.track('sized', { pad: 'x'.repeat(n) });
    const largest = await edge(0, 40_000, async (n) => (await padded(n)).success);
    const over = refusedBy(await padded(largest + 1));
    expect(over).toMatch(/\[ninetailed\].*the event is 32769 bytes, over the 32768 limit/);

    const stored = (await api.events()).filter((e) => e.event.type === 'track');
    const sent = stored.find((e) => (e.event.properties as { pad: string }).pad.length === largest);
    expect(sent, 'the SDK’s largest event reached the server').toBeDefined();
    // As sent on the wire (the SDK adds nothing after measuring that would push it over).
    const wire = bodies
      .flatMap((b) => b.events)
      .find((e) => (e as { messageId: string }).messageId === sent!.event.messageId);
    expect(Buffer.byteLength(JSON.stringify(wire))).toBe(32768);

    // The same event with one more byte (and a new messageId of the same length).
    const messageId = 'm'.repeat(sent!.event.messageId.length);
    const oneMore = { ...(wire as object), messageId, properties: { pad: 'x'.repeat(largest + 1) } };
    expect(Buffer.byteLength(JSON.stringify(oneMore))).toBe(32769);
    const raw = await postRaw([oneMore]);
    expect(raw.status).toBe(400);
    expect(raw.body.message).toMatch(
      /events\[0\]: is 32769 bytes as JSON; one event may hold at most 32768 bytes/,
    );
  });

  it('names: a 1024-character event name is stored, 1025 is refused by both', async () => {
    const { ninetailed } = sdk();
    expect((await ninetailed.track('n'.repeat(1024))).success).toBe(true);
    expect(refusedBy(await ninetailed.track('n'.repeat(1025)))).toMatch(/\[ninetailed\]/);
    expect((await api.events()).map((e) => (e.event as { event?: string }).event?.length)).toEqual([1024]);

    const raw = await postRaw([{ type: 'track', messageId: 'long-name', event: 'n'.repeat(1025) }]);
    expect(raw.status).toBe(400);
    expect(raw.body.message).toMatch(/events\[0\]\.event/);
  });

  it('nesting: the deepest properties the SDK sends are stored, one level deeper is refused by both', async () => {
    const { ninetailed } = sdk();
    const nested = (levels: number) => {
      let value: Record<string, unknown> = { leaf: 1 };
      for (let i = 1; i < levels; i++) value = { node: value };
      return value;
    };
    const deepest = await edge(1, 64, async (levels) => (await ninetailed.page(nested(levels))).success);
    expect(refusedBy(await ninetailed.page(nested(deepest + 1)))).toMatch(
      /\[ninetailed\].*nesting deeper than/,
    );
    const stored = (await api.events()).filter((e) => e.event.type === 'page');
    expect(stored.length).toBeGreaterThan(0);
    const last = stored.at(-1)!.event;
    // The page's own properties (url, path, …) sit beside the app's at the top level.
    expect(JSON.stringify((last.properties as { node: unknown }).node)).toBe(
      JSON.stringify(nested(deepest).node),
    );

    const raw = await postRaw([{ ...last, messageId: 'one-level-deeper', properties: nested(deepest + 1) }]);
    expect(raw.status).toBe(400);
    expect(raw.body.message).toMatch(/nested deeper than 32 levels/);
  });

  it('events per request: the server refuses 201, the SDK sends 201 calls in requests of at most 200', async () => {
    const raw = await postRaw(
      Array.from({ length: 201 }, (_, i) => ({ type: 'track', messageId: `raw-${i}`, event: 'bulk' })),
    );
    expect(raw.status).toBe(400);

    const { ninetailed, bodies } = sdk();
    const results = await Promise.all(Array.from({ length: 201 }, (_, i) => ninetailed.track('bulk', { i })));
    expect(results.every((r) => r.success)).toBe(true);
    expect(Math.max(...bodies.map((b) => b.events.length))).toBe(200);
    expect((await api.events()).filter((e) => e.event.type === 'track')).toHaveLength(201);
  });
});
