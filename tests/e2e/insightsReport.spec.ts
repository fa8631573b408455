// Insights end to end: the core's built `dist/` in real Chromium, the real local Experience API
// (`startTemporaryServer`, SQLite in a temp dir) with an A/B experiment and a `signup` metric.
// Distinct visitors (fresh browser contexts) get a variant from the server's selection, view the
// call to action (`observeElement`), some sign up; closed tabs deliver their views' durations
// with the page-hide keepalive request, and the next page of a visitor re-sends the events that
// page never saw confirmed (the durable outbox). The report the server answers over HTTP counts
// each visitor once, in the variant it was given, and a conversion only for a signup after the view.
// The view durations the server stores are not exposed by any endpoint: only the wire is checked.
import {
  expect,
  expectedVariant,
  fetchReport,
  insightsRequests,
  test,
  trackInPage,
  type Visitor,
  waitAfterView,
  watchUntilViewed,
} from './insightsReportEnv';

/**
 * What a visitor does: `after` views the call to action, comes back and signs up (a
 * conversion); `same` views it and signs up on the same page a second later (a conversion, though the SDK still
 * holds the view when the signup reaches the server: the server orders them by their own times);
 * `revisit` views it and comes back without signing up; `before` signs up first,
 * then views it (a viewer, no conversion); `only` signs up and never views it (neither).
 */
type Plan = 'after' | 'same' | 'revisit' | 'before' | 'only';

/**
 * The plans each variant's visitors take, in order of arrival (the variant is the server's pick):
 * every variant gets a converter and non-converting viewers, whatever the split.
 */
const PLANS: Record<number, Plan[]> = {
  0: ['after', 'same', 'revisit', 'before', 'only', 'after'],
  1: ['after', 'same', 'revisit', 'before', 'after'],
};
const MAX_VISITORS = 30;
// Conditions are polled often: each visitor waits for the server a few times.
const poll = { intervals: [25, 50, 100] };

test('the report counts each visitor once in its variant, and signups after the view as conversions', async ({
  browser,
  env,
  visit,
}) => {
  test.setTimeout(120_000);
  const from = new Date(Date.now() - 60_000);
  const to = new Date(Date.now() + 3_600_000);
  const report = () => fetchReport(env.api, from, to);
  const viewersSoFar = async () => {
    const data = (await report()) as { experiences: Array<{ variants: Array<{ viewers: number }> }> };
    return data.experiences[0]!.variants.reduce((sum, variant) => sum + variant.viewers, 0);
  };
  const signupApplied = (profileId: string) => async () =>
    (await env.api.events()).some(
      (entry) =>
        entry.profileId === profileId && entry.event.type === 'track' && entry.event.event === 'signup',
    );

  const seen: Array<{ plan: Plan; visitor: Visitor; firstViewId?: string }> = [];
  const todo = { 0: [...PLANS[0]!], 1: [...PLANS[1]!] } as Record<number, Plan[]>;
  let viewers = 0;
  while (todo[0]!.length + todo[1]!.length > 0) {
    expect(seen.length, 'visitors until both variants had theirs').toBeLessThan(MAX_VISITORS);
    const context = await browser.newContext();
    const { tab, visitor } = await visit(context);
    // The variant the page shows is the one the visitor's stable id selects, 50/50.
    expect(visitor.variantIndex).toBe(expectedVariant(visitor.stableId));
    expect(visitor.componentId).toBe(['cta-default', 'cta-bold'][visitor.variantIndex]);
    // A visitor of a variant whose plans are done only views the call to action.
    const plan = todo[visitor.variantIndex]!.shift() ?? 'revisit';
    const record: (typeof seen)[number] = { plan, visitor };
    seen.push(record);

    if (plan === 'before' || plan === 'only') {
      await trackInPage(tab, 'signup');
      await expect.poll(signupApplied(visitor.profileId), poll).toBe(true);
    }
    if (plan !== 'only') {
      record.firstViewId = await watchUntilViewed(tab);
      viewers++;
    }
    if (plan === 'same') {
      // A second after the view on the device's clock: the server dates each event by its own
      // time corrected by the request's `sentAt` (Segment's method), which is off by the
      // request's transit, longer for the closing tab's keepalive request than for the signup's;
      // a signup within a few milliseconds of the view could be dated before it.
      await waitAfterView(tab, 1000);
      await trackInPage(tab, 'signup');
      await expect.poll(signupApplied(visitor.profileId), poll).toBe(true);
    }
    // The tab closes: the view ends and the page-hide keepalive request delivers it, duration included.
    await tab.close({ runBeforeUnload: true });
    await expect.poll(viewersSoFar, poll).toBe(viewers);

    if (plan === 'after' || plan === 'revisit') {
      // The visitor comes back (same browser): same profile, same variant, a second view.
      const again = await visit(context);
      expect(again.visitor).toEqual(visitor);
      await watchUntilViewed(again.tab);
      if (plan === 'after') {
        await trackInPage(again.tab, 'signup');
        await expect.poll(signupApplied(visitor.profileId), poll).toBe(true);
      }
      await again.tab.close({ runBeforeUnload: true });
    }
    await context.close();
  }

  const inVariant = (index: number, plans: readonly Plan[]) =>
    seen.filter((s) => s.visitor.variantIndex === index && plans.includes(s.plan)).length;
  const arm = (index: number) => {
    const viewerCount = inVariant(index, ['after', 'same', 'revisit', 'before']);
    const conversions = inVariant(index, ['after', 'same']);
    return {
      variantIndex: index,
      viewers: viewerCount,
      conversions,
      conversionRate: conversions / viewerCount,
    };
  };
  const expected = {
    metric: 'signup',
    from: from.toISOString(),
    to: to.toISOString(),
    experiences: [
      {
        experienceId: 'cta-test',
        type: 'nt_experiment',
        control: 'baseline',
        variants: [arm(0), arm(1)],
        holdout: { viewers: 0, conversions: 0, conversionRate: null },
      },
    ],
  };
  // Every tab is closed: the last keepalive requests (second views) may still be landing.
  await expect.poll(report, poll).toMatchObject(expected);

  // On the wire: every Insights request reached the API, none was refused (a keepalive request
  // of a closed context may have no reader left for its answer), and each first view's whole
  // duration (more than the 200 ms threshold) left with the closing tab's keepalive request.
  const requests = insightsRequests(env.tap);
  expect(requests.filter((request) => !request.forwarded || (request.status ?? 200) !== 200)).toEqual([]);
  const events = requests.flatMap((request) => request.events);
  for (const { firstViewId } of seen.filter((s) => s.firstViewId)) {
    const durations = events.filter((e) => e.viewId === firstViewId).map((e) => e.viewDurationMs as number);
    expect(durations[0]).toBe(200);
    expect(Math.max(...durations)).toBeGreaterThan(200);
  }
  // The closed tabs never read their answers, so each visitor's next page sent those events
  // again (same messageIds): the server took them once, the report above is not doubled.
  for (const { firstViewId } of seen.filter((s) => s.plan === 'after' || s.plan === 'revisit')) {
    const counted = events.filter((e) => e.viewId === firstViewId && e.viewDurationMs === 200);
    expect(counted).toHaveLength(2);
    expect(counted[1]!.messageId).toBe(counted[0]!.messageId);
  }
  expect(await report()).toMatchObject(expected);
});
