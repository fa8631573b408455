import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FaultProxy, type FaultRule, faultSchedule, faults, startFaultProxy } from '../src/index';
import { startTarget } from './target';

const PROFILES = '/v2/organizations/demo/environments/main/profiles';
const body = JSON.stringify({ events: [{ type: 'track', event: 'x', messageId: 'm-1' }] });

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.reverse()) await close();
  cleanup = [];
});

async function setup(rules: FaultRule[] = [], seed?: number, targetPath = '') {
  const target = await startTarget();
  const proxy = await startFaultProxy({ target: target.url + targetPath, rules, seed });
  cleanup.push(target.close, proxy.close);
  return { target, proxy };
}

function post(proxy: FaultProxy, init: RequestInit = {}) {
  return fetch(`${proxy.url}${PROFILES}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body,
    ...init,
  });
}

async function networkErrorCode(promise: Promise<unknown>): Promise<string> {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { cause?: { code?: string } } | null;
  expect(error).toBeInstanceOf(TypeError);
  return error?.cause?.code ?? 'unknown';
}

describe('startFaultProxy: transparent forwarding', () => {
  it('forwards method, path, headers and body, and answers like the target', async () => {
    const { target, proxy } = await setup();
    const res = await post(proxy);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-target')).toBe('yes');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({ data: { echo: PROFILES }, message: 'ok', error: null });
    expect(target.seen).toHaveLength(1);
    expect(target.seen[0]).toMatchObject({ method: 'POST', path: PROFILES, body });
    expect(target.seen[0]?.headers['content-type']).toBe('text/plain');
    expect(proxy.log[0]).toMatchObject({ index: 0, method: 'POST', path: PROFILES, body, fault: null });
    expect(proxy.log[0]).toMatchObject({ forwarded: true, status: 200, clientGone: false });
  });

  it('keeps the path prefix of the target URL', async () => {
    const { target, proxy } = await setup([], undefined, '/prefix');
    await (await post(proxy)).text();
    expect(target.seen[0]?.path).toBe(`/prefix${PROFILES}`);
  });

  it('answers a CORS preflight with the target’s answer, even when every request is faulted', async () => {
    const { target, proxy } = await setup([faults.serverErrors(1)]);
    const res = await fetch(`${proxy.url}${PROFILES}`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:9',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-custom',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type,x-custom');
    expect(target.seen.map((r) => r.method)).toEqual(['OPTIONS']);
    expect(proxy.stats()).toMatchObject({ requests: 0, preflights: 1, forwarded: 1 });
    expect(proxy.log[0]?.index).toBeNull();
    // The next real request is index 0, and is faulted.
    expect((await post(proxy)).status).toBe(503);
    expect(proxy.log[1]?.index).toBe(0);
  });

  it('answers 502 with CORS headers when the target is unreachable', async () => {
    const target = await startTarget();
    await target.close();
    const proxy = await startFaultProxy({ target: target.url });
    cleanup.push(proxy.close);
    const res = await post(proxy);
    expect(res.status).toBe(502);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('startFaultProxy: injected answers', () => {
  it('answers 429 with Retry-After, readable cross-origin, without reaching the target', async () => {
    const { target, proxy } = await setup([faults.tooManyRequests({ retryAfter: 2, to: 2 })]);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await post(proxy);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toBe('2');
        expect(res.headers.get('access-control-allow-origin')).toBe('*');
        expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
        expect(await res.json()).toMatchObject({ error: { code: 'ERR_PROFILE_OVERLOAD' } });
      } else await res.text();
    }
    expect(statuses).toEqual([429, 429, 200]);
    expect(target.seen).toHaveLength(1);
    expect(proxy.stats()).toMatchObject({ requests: 3, forwarded: 1, statuses: { 200: 1, 429: 2 } });
    expect(proxy.stats().faults.status).toBe(2);
  });

  it('answers 5xx with the error envelope of the Experience API', async () => {
    const { proxy } = await setup([faults.serverErrors(1, 500)]);
    const res = await post(proxy);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ data: {}, error: { code: 'ERR_INTERNAL_SERVER_ERROR' } });
  });

  it('applies rules by method and path only', async () => {
    const { proxy } = await setup([faults.serverErrors(1, 503, { method: 'GET', path: /\/profiles\/p1$/ })]);
    expect((await post(proxy)).status).toBe(200);
    expect((await fetch(`${proxy.url}${PROFILES}/p1`)).status).toBe(503);
    expect((await fetch(`${proxy.url}${PROFILES}/p2`)).status).toBe(200);
  });

  it('resets the connection for a `reset` rule', async () => {
    const { target, proxy } = await setup([faults.reset(1)]);
    expect(await networkErrorCode(post(proxy))).not.toBe('ECONNREFUSED');
    expect(target.seen).toHaveLength(0);
    expect(proxy.log[0]).toMatchObject({ fault: 'reset', status: null, forwarded: false });
  });
});

describe('startFaultProxy: deterministic schedules', () => {
  const rules = [faults.serverErrors(0.3)];

  async function statuses(seed: number, count: number): Promise<number[]> {
    const { proxy } = await setup(rules, seed);
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      const res = await post(proxy);
      await res.text();
      out.push(res.status);
    }
    return out;
  }

  it('follows faultSchedule exactly, and replays it for the same seed', async () => {
    const expected = faultSchedule(rules, 42, 30).map((action) => (action ? 503 : 200));
    expect(expected).toContain(503);
    expect(expected).toContain(200);
    expect(await statuses(42, 30)).toEqual(expected);
    expect(await statuses(42, 30)).toEqual(expected);
  });

  it('gives another schedule for another seed', () => {
    const a = faultSchedule(rules, 1, 50).map(Boolean);
    const b = faultSchedule(rules, 2, 50).map(Boolean);
    expect(a).not.toEqual(b);
  });

  it('picks close to `rate` of the requests', () => {
    const picked = faultSchedule(rules, 9, 10_000).filter(Boolean).length;
    expect(picked).toBeGreaterThan(2_850);
    expect(picked).toBeLessThan(3_150);
  });

  it('takes the first rule that picks a request, inside its index window', () => {
    const plan = faultSchedule(
      [faults.tooManyRequests({ from: 2, to: 4 }), faults.serverErrors(1, 500, { from: 3 })],
      1,
      6,
    );
    expect(plan.map((a) => (a?.type === 'status' ? a.status : null))).toEqual([
      null,
      null,
      429,
      429,
      500,
      500,
    ]);
  });

  it('restarts the index on reset() and takes new rules with setRules()', async () => {
    const { proxy } = await setup([faults.serverErrors(1, 503, { to: 1 })]);
    expect((await post(proxy)).status).toBe(503);
    expect((await post(proxy)).status).toBe(200);
    proxy.reset();
    expect(proxy.log).toHaveLength(0);
    expect((await post(proxy)).status).toBe(503);
    proxy.setRules([faults.tooManyRequests()]);
    expect((await post(proxy)).status).toBe(429);
  });
});

describe('startFaultProxy: hung and late answers', () => {
  it('never answers a `hang` request nor forwards it; the client’s timeout ends it', async () => {
    const { target, proxy } = await setup([faults.hang(1)]);
    const controller = new AbortController();
    const pending = post(proxy, { signal: controller.signal });
    await proxy.waitForRequests(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await vi.waitFor(() => expect(proxy.log[0]?.clientGone).toBe(true));
    expect(proxy.log[0]).toMatchObject({ fault: 'hang', status: null, forwarded: false });
    expect(target.seen).toHaveLength(0);
    expect(proxy.stats().faults.hang).toBe(1);
  });

  it('releaseHeld() drops the held connections', async () => {
    const { proxy } = await setup([faults.hang(1)]);
    const pending = post(proxy);
    await proxy.waitForRequests(1);
    proxy.releaseHeld();
    await expect(pending).rejects.toThrow();
  });

  it('`delay` with applied: the target has it at once, the answer comes after the delay', async () => {
    const { target, proxy } = await setup([faults.delay(300, 1, { applied: true })]);
    const res = await post(proxy);
    expect(res.status).toBe(200);
    const record = proxy.log[0]!;
    expect(record.answeredAt! - record.receivedAt).toBeGreaterThanOrEqual(299);
    expect(target.seen).toHaveLength(1);
    expect(record).toMatchObject({ fault: 'delay', forwarded: true });
  });

  it('`delay` without applied: a client that gives up first never reaches the target', async () => {
    const { target, proxy } = await setup([faults.delay(200, 1)]);
    const controller = new AbortController();
    const pending = post(proxy, { signal: controller.signal });
    await proxy.waitForRequests(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await proxy.idle();
    expect(target.seen).toHaveLength(0);
    expect(proxy.log[0]).toMatchObject({ fault: 'delay', forwarded: false, clientGone: true });
  });
});

describe('startFaultProxy: offline periods', () => {
  it('refuses connections while offline, and serves again on the same port', async () => {
    const { target, proxy } = await setup();
    expect((await post(proxy)).status).toBe(200);
    await proxy.setOffline(true);
    expect(proxy.offline).toBe(true);
    expect(await networkErrorCode(post(proxy))).toBe('ECONNREFUSED');
    await proxy.setOffline(false);
    const res = await post(proxy);
    expect(res.status).toBe(200);
    expect(new URL(res.url).port).toBe(String(proxy.port));
    expect(target.seen).toHaveLength(2);
  });

  it('drops held requests when going offline', async () => {
    const { proxy } = await setup([faults.hang(1)]);
    const pending = post(proxy);
    await proxy.waitForRequests(1);
    await proxy.setOffline(true);
    await expect(pending).rejects.toThrow();
    await proxy.setOffline(false);
  });

  it('offlineFor(ms) resolves back online', async () => {
    const { proxy } = await setup();
    const back = proxy.offlineFor(100);
    expect(proxy.offline).toBe(true);
    await back;
    expect(proxy.offline).toBe(false);
    expect((await post(proxy)).status).toBe(200);
  });
});

describe('startFaultProxy: counters', () => {
  it('counts requests, body bytes and wire bytes, and reset() zeroes them', async () => {
    const { proxy } = await setup();
    await (await post(proxy)).text();
    await (await post(proxy)).text();
    const stats = proxy.stats();
    expect(stats.requests).toBe(2);
    expect(stats.bodyBytesIn).toBe(2 * Buffer.byteLength(body));
    // Request line and headers come on top of the bodies.
    expect(stats.bytesIn).toBeGreaterThan(2 * (Buffer.byteLength(body) + `POST ${PROFILES} HTTP/1.1`.length));
    expect(stats.bytesOut).toBeGreaterThan(0);
    expect(stats.connections).toBeGreaterThanOrEqual(1);
    proxy.reset();
    expect(proxy.stats()).toMatchObject({ requests: 0, bodyBytesIn: 0, bytesIn: 0, bytesOut: 0 });
    await (await post(proxy)).text();
    const after = proxy.stats();
    expect(after.bytesIn).toBeGreaterThan(Buffer.byteLength(body));
    expect(after.bytesIn).toBeLessThan(stats.bytesIn);
  });

  it('waitForRequests rejects with a clear message after its timeout', async () => {
    const { proxy } = await setup();
    await expect(proxy.waitForRequests(1, 50)).rejects.toThrow('[ninetailed] fault proxy: 0 of 1 requests');
  });
});
