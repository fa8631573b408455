import { faults as fault } from '@ninetailed/fault-proxy';
import { expect, test, track } from './fixtures';

test('30% 5xx, 429 with Retry-After and a hung request: every event applied once, in call order', async ({
  openTab,
  faults,
  applied,
  env,
}) => {
  // Request 1 hangs, 3 and 4 answer 429 with Retry-After: 1, 30% of the others 503. Seed 37 gives
  // 7 of requests 5-24 (and 0 and 2 go through), never more than two 503s in a row: a longer
  // streak would back off past the per-round timeout (`faultSchedule` prints the plan).
  faults(
    [
      fault.hang(1, { from: 1, to: 2 }),
      fault.tooManyRequests({ retryAfter: 1, from: 3, to: 5 }),
      fault.serverErrors(0.3),
    ],
    37,
  );
  const tab = await openTab();
  // Ten rounds of two calls, each round once the last is in: many requests, so many faults.
  const sent: string[] = [];
  for (let round = 0; round < 10; round++) {
    sent.push(...(await track(tab, [`e${round}a`, `e${round}b`])));
    await expect.poll(async () => (await applied()).length, { timeout: 20_000 }).toBe(sent.length);
  }
  const events = await applied();
  expect(events.map((e) => e.event.messageId)).toEqual(sent);
  expect(new Set(events.map((e) => e.profileId)).size).toBe(1);
  // The faults did happen: the hung request, both 429s and several 503s.
  const requests = env.proxy.log.filter((r) => r.index !== null);
  expect(requests.slice(1, 5).map((r) => [r.fault, r.status])).toEqual([
    ['hang', null],
    [null, 200],
    ['status', 429],
    ['status', 429],
  ]);
  const { faults: injected, statuses } = env.proxy.stats();
  expect(injected.hang).toBe(1);
  expect(statuses[429]).toBe(2);
  expect(statuses[503]).toBeGreaterThanOrEqual(3);
  // The first failure was reported (the hung request timing out); retries of a streak only log.
  const codes = await tab.evaluate(() => (window as unknown as { errors: string[] }).errors);
  expect(codes[0]).toBe('ERR_TIMEOUT');
});

test('offline, then online: events made offline are applied once, as soon as the page is online', async ({
  openTab,
  faults,
  applied,
  context,
}) => {
  faults([]);
  const tab = await openTab();
  await track(tab, ['before']);
  await expect.poll(async () => (await applied()).length).toBe(1);
  await context.setOffline(true);
  const offline = await track(tab, ['off1', 'off2', 'off3']);
  await tab.waitForTimeout(500);
  expect(await applied()).toHaveLength(1);
  await context.setOffline(false);
  // The `online` event resumes delivery at once, without waiting for the backoff.
  await expect.poll(async () => (await applied()).length, { timeout: 2000 }).toBe(4);
  expect((await applied()).slice(1).map((e) => e.event.messageId)).toEqual(offline);
});

test('reload with events pending: the new page sends them, same messageIds, applied once', async ({
  openTab,
  faults,
  applied,
}) => {
  faults([fault.serverErrors(1)]);
  const tab = await openTab();
  const sent = await track(tab, ['r1', 'r2', 'r3']);
  await tab.reload();
  await tab.waitForFunction(() => (window as unknown as { nt?: unknown }).nt !== undefined);
  expect(await applied()).toHaveLength(0);
  faults([]);
  await expect.poll(async () => (await applied()).length, { timeout: 10_000 }).toBe(3);
  expect((await applied()).map((e) => e.event.messageId)).toEqual(sent);
});

test('closing the tab with events pending, then reopening: applied once (the beacon and the re-send dedupe)', async ({
  openTab,
  faults,
  applied,
  context,
  env,
}) => {
  faults([fault.serverErrors(1)]);
  const first = await openTab();
  const sent = await track(first, ['c1', 'c2']);
  expect(await applied()).toHaveLength(0);
  // The page closes while the API is reachable again: its pagehide keepalive gets through.
  faults([]);
  const before = env.proxy.stats().requests;
  await first.close({ runBeforeUnload: true });
  await expect.poll(() => env.proxy.stats().requests).toBeGreaterThan(before);
  await expect.poll(async () => (await applied()).length).toBe(2);
  // Reopened: the events were never confirmed to the closed page, so they go again; the API
  // keeps them once.
  const second = await openTab(await context.newPage());
  await expect.poll(async () => (await applied(true)).length, { timeout: 30_000 }).toBe(4);
  const all = await applied(true);
  expect(all.filter((e) => !e.duplicate).map((e) => e.event.messageId)).toEqual(sent);
  expect(all.filter((e) => e.duplicate).map((e) => e.event.messageId)).toEqual(sent);
  expect(await applied()).toHaveLength(2);
  await second.close();
});

test('a new visitor’s second tab waits for the first tab’s profile: one profile, no event sent twice', async ({
  openTab,
  faults,
  applied,
  context,
}) => {
  // The first tab's profile creation takes a while: the second tab's first event comes meanwhile.
  faults([fault.delay(800, 1, { to: 1 })]);
  const one = await openTab();
  const first = one.evaluate(() => {
    const w = window as unknown as { nt: { track(name: string): Promise<void> }; sent: string[] };
    return w.nt.track('t1a').then(() => w.sent.slice());
  });
  const two = await openTab(await context.newPage());
  const second = await track(two, ['t2a']);
  const sent = [...(await first), ...second, ...(await track(one, ['t1b'])), ...(await track(two, ['t2b']))];
  await expect.poll(async () => (await applied()).length).toBe(4);
  const events = await applied(true);
  expect(events.filter((e) => e.duplicate)).toEqual([]);
  expect(new Set(events.map((e) => e.event.messageId))).toEqual(new Set(sent));
  expect(new Set(events.map((e) => e.profileId)).size).toBe(1);
  // Both tabs show that profile.
  const ids = await Promise.all(
    [one, two].map((tab) =>
      tab.evaluate(
        () =>
          (window as unknown as { nt: { profileState: { profile: { id: string } | null } } }).nt.profileState
            .profile?.id,
      ),
    ),
  );
  expect(ids).toEqual([events[0]!.profileId, events[0]!.profileId]);
});
