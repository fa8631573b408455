import { type LogEntry, type RunningServer, startTemporaryServer } from '@ninetailed/experience-api';
import type { Page } from '@playwright/test';
import { SSR_API_PORT } from '../playwright.config';
import { BUILT_IN_API, test as base, expect, warmUpDevRoutes } from './fixtures';

// Issue 13: after a short click-through of the demo, the Insights dashboard shows numbers. A
// visitor opens `/` (the CTA of `cta-test` in view until the SDK counts it), clicks the CTA to
// `/signup` (a full load: the page hide sends the view to the Insights ingest) and signs up (the
// server action tracks `signup` for the `ntaid` profile), then adds a product to the cart on
// `/shop`. The report over HTTP and the dashboard page the API serves both show that visitor as
// the one viewer and the one conversion of its variant. As in e2e/ssr.spec.ts, the API listens
// on the project's NINETAILED_API_URL port, and the browser's requests to the built-in URL are
// routed to it: the Next server (the server action) and the browser share one database.

interface DemoApi {
  server: RunningServer;
  events(): Promise<LogEntry[]>;
}

const test = base.extend<{ demoApi: DemoApi }>({
  demoApi: async ({ context }, use, testInfo) => {
    const port = SSR_API_PORT[testInfo.project.name as keyof typeof SSR_API_PORT];
    const server = await startTemporaryServer({ port });
    await context.route(
      (url) => url.origin === new URL(BUILT_IN_API).origin,
      (route) => {
        const url = new URL(route.request().url());
        return route.continue({ url: server.url + url.pathname + url.search });
      },
    );
    await use({ server, events: () => server.events() });
    await server.close();
  },
});

test.beforeAll(async ({ playwright }, testInfo) => {
  await warmUpDevRoutes(playwright, testInfo, ['/', '/signup', '/shop']);
});

interface Arm {
  variantIndex: number;
  viewers: number;
  conversions: number;
}
interface Report {
  metric: string;
  experiences: Array<{ experienceId: string; variants: Arm[]; holdout: Omit<Arm, 'variantIndex'> }>;
}

/** `data` of `GET …/insights/experiences?metric=…&from&to` (the JSON report). */
async function fetchReport(server: RunningServer, metric: string, from: Date, to: Date): Promise<Report> {
  const query = new URLSearchParams({ metric, from: from.toISOString(), to: to.toISOString() });
  const response = await fetch(
    `${server.url}/v2/organizations/demo/environments/main/insights/experiences?${query}`,
  );
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { data: Report }).data;
}

/** Viewers and conversions per arm of each experience: `{ 'cta-test': ['1/1', '0/0'], … }`. */
const counts = (report: Report) =>
  Object.fromEntries(
    report.experiences.map((experience) => [
      experience.experienceId,
      experience.variants.map((arm) => `${arm.viewers}/${arm.conversions}`),
    ]),
  );

/** The same, read off the dashboard's tables (`tr[data-arm]`, `[data-field]`, as its own e2e). */
const shownCounts = (page: Page) =>
  page.locator('section.experience').evaluateAll((sections) =>
    Object.fromEntries(
      sections.map((section) => [
        section.getAttribute('data-experience-id'),
        [...section.querySelectorAll('tbody tr[data-arm]:not([data-arm="holdout"])')].map((row) => {
          const cell = (field: string) =>
            (row.querySelector(`[data-field="${field}"]`)?.textContent ?? '').replace(/,/g, '');
          return `${cell('viewers')}/${cell('conversions')}`;
        }),
      ]),
    ),
  );

/** `['1/1', '0/0']` with the visitor's variant at its index. */
const onlyVisitor = (variantIndex: number) => [0, 1].map((i) => (i === variantIndex ? '1/1' : '0/0'));

test('after a click-through of the demo (view the CTA, sign up, add to cart) the Insights dashboard shows the visitor', async ({
  page,
  context,
  demoApi,
}, testInfo) => {
  const from = new Date(Date.now() - 60_000);
  const to = new Date(Date.now() + 3_600_000);
  const eventsOf = async (id: string, type: string) =>
    (await demoApi.events()).filter((entry) => entry.profileId === id && entry.event.type === type);

  // 1. Home: the CTA of `cta-test` in view. The SDK counts the view after 2 s in the viewport;
  // the experiment is sticky, so the count also sends a `component` event to the Experience API.
  await page.goto('/');
  const id = (await context.cookies()).find((cookie) => cookie.name === 'ntaid')?.value;
  expect(id, 'the first response sets ntaid').toBeDefined();
  await expect.poll(async () => (await eventsOf(id!, 'page')).length).toBe(1);
  const cta = page.locator('[data-nt-experience-id="cta-test"]');
  await expect(cta).toBeVisible();
  const variantIndex = Number(await cta.getAttribute('data-nt-variant-index'));
  expect([0, 1]).toContain(variantIndex);
  await expect
    .poll(async () => (await eventsOf(id!, 'component')).map(({ event }) => event.experienceId))
    .toEqual(['cta-test']);
  const [view] = await eventsOf(id!, 'component');
  expect(view!.event).toMatchObject({ experienceId: 'cta-test', variantIndex });

  // 2. The CTA ("Sign up …") is a plain link to /signup: a full load, whose page hide sends the
  // Insights view. Sign up there: the server action tracks `signup` for the cookie's profile.
  await cta.getByRole('link').click();
  await expect(page).toHaveURL(/\/signup$/);
  await expect.poll(async () => (await eventsOf(id!, 'page')).length).toBe(2);
  await page.getByLabel('Plan').selectOption('pro');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByTestId('signup-done')).toHaveAttribute('data-profile-id', id!);

  // The report: the visitor is the one viewer of its variant, and converted (view before signup).
  await expect
    .poll(async () => counts(await fetchReport(demoApi.server, 'signup', from, to)))
    .toEqual({ 'cta-test': onlyVisitor(variantIndex), 'news-hero': ['0/0', '0/0'] });

  // 3. Shop: add a product to the cart (`add_to_cart`, the other metric of the demo).
  await page.getByRole('link', { name: 'Shop', exact: true }).click();
  await expect.poll(async () => (await eventsOf(id!, 'page')).length).toBe(3);
  await page
    .getByRole('button', { name: /to cart/ })
    .first()
    .click();
  await expect
    .poll(async () => (await eventsOf(id!, 'track')).map(({ event }) => event.event))
    .toEqual(['signup', 'add_to_cart']);
  await expect
    .poll(async () => counts(await fetchReport(demoApi.server, 'add_to_cart', from, to))['cta-test'])
    .toEqual(onlyVisitor(variantIndex));

  // 4. The dashboard the API serves (its default period: the last 30 days), metric `signup`.
  const dashboard = await context.newPage();
  const problems: string[] = [];
  dashboard.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  dashboard.on('pageerror', (error) => problems.push(error.message));
  const shown: Promise<Report>[] = [];
  dashboard.on('response', (response) => {
    if (response.url().includes('/insights/experiences?'))
      shown.push(response.json().then((body: { data: Report }) => body.data));
  });
  await dashboard.goto(`${demoApi.server.url}/insights?organization=demo&environment=main`);
  await expect(dashboard.locator('body[data-state="ready"]')).toBeAttached();
  await expect(dashboard.locator('#metric')).toHaveValue('signup');
  expect(shown).toHaveLength(1);
  const report = await shown[0]!;
  expect(report.metric).toBe('signup');
  expect(counts(report)).toEqual({ 'cta-test': onlyVisitor(variantIndex), 'news-hero': ['0/0', '0/0'] });
  expect(await shownCounts(dashboard)).toEqual(counts(report));
  const section = dashboard.locator('section.experience[data-experience-id="cta-test"]');
  await expect(section.locator(`tr[data-arm="${variantIndex}"] [data-field="conversionRate"]`)).toHaveText(
    /^100(\.0+)?%$/,
  );
  // The charts: the visitor's bar (100 %) and today's point of the daily line.
  const bars = section.locator('.bar-chart svg g[aria-label="bar"] rect');
  await expect(bars).toHaveCount(1);
  expect((await bars.boundingBox())!.height).toBeGreaterThan(10);
  await expect(section.locator('.line-chart svg g[aria-label="dot"] circle')).toHaveCount(1);

  await dashboard.screenshot({ path: testInfo.outputPath('insights-dashboard.png'), fullPage: true });
  expect(problems, 'console errors or warnings on the dashboard').toEqual([]);
});
