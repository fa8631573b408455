import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ReportWithSeries } from '../src/http/dashboard/types';
import { expectTablesToEqual, watchErrors } from './dashboardChecks';
import { metrics, reportFor, seededProfiles } from './insightsFixture';

const profiles = seededProfiles();
const base = '/v2/organizations/demo/environments/main/insights';
let server: Server;
let origin: string;
let out: string;
/** The reports the server answered, in order, and any request it did not expect. */
const served: { query: URLSearchParams; report: ReportWithSeries }[] = [];
const unexpected: string[] = [];

test.beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'insights-dashboard-'));
  execFileSync('node', ['scripts/build-dashboard.mjs', out], { stdio: 'pipe' });
  const files: Record<string, [string, string]> = {
    '/insights': ['index.html', 'text/html; charset=utf-8'],
    '/insights/dashboard.js': ['dashboard.js', 'text/javascript; charset=utf-8'],
    '/insights/dashboard.js.map': ['dashboard.js.map', 'application/json'],
  };
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const json = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ data: body, message: 'ok', error: null }));
    };
    const file = files[url.pathname];
    if (request.method === 'GET' && file !== undefined) {
      response.writeHead(200, { 'content-type': file[1] });
      response.end(readFileSync(join(out, file[0])));
    } else if (request.method === 'GET' && url.pathname === `${base}/metrics`) {
      json({ metrics });
    } else if (request.method === 'GET' && url.pathname === `${base}/experiences`) {
      const report = reportFor(profiles, url.searchParams) as ReportWithSeries;
      served.push({ query: url.searchParams, report });
      json(report);
    } else {
      unexpected.push(`${request.method} ${request.url}`);
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(out, { recursive: true, force: true });
});

test('shows the report: numbers equal the JSON, both charts render, no console errors', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${origin}/insights?organization=demo&environment=main`);
  await expect(page.locator('body[data-state="ready"]')).toBeVisible();
  const first = served.at(-1);
  expect(first?.query.get('metric')).toBe('signup');
  expect(first?.query.get('series')).toBe('daily');
  expect(first?.query.has('from')).toBe(false); // the server's default period
  const report = first?.report as ReportWithSeries;
  expect(report.experiences.map((e) => e.variants.reduce((s, v) => s + v.viewers, 0))).toEqual(
    report.experiences.map(() => expect.any(Number)),
  );
  expect(report.experiences.every((e) => e.variants.some((v) => v.viewers > 100))).toBe(true);
  await expectTablesToEqual(page, report);

  for (const experience of report.experiences) {
    const section = page.locator(`section.experience[data-experience-id="${experience.experienceId}"]`);
    // one bar per arm with viewers, with a drawn height
    const withViewers =
      experience.variants.filter((v) => v.viewers > 0).length + (experience.holdout.viewers > 0 ? 1 : 0);
    const bars = section.locator('.bar-chart svg g[aria-label="bar"] rect');
    await expect(bars).toHaveCount(withViewers);
    for (const height of await bars.evaluateAll((rects) =>
      rects.map((r) => r.getBoundingClientRect().height),
    )) {
      expect(height).toBeGreaterThan(1);
    }
    await expect(section.locator('.bar-chart svg g[aria-label="rule"] line')).toHaveCount(withViewers + 1);
    // one line per arm, each with a path that has points
    const lines = section.locator('.line-chart svg g[aria-label="line"] path');
    await expect(lines).toHaveCount(withViewers);
    for (const d of await lines.evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''))) {
      expect(d.split('L').length).toBeGreaterThan(10);
    }
  }
  await page.screenshot({ path: '/tmp/h11-insights-dashboard.png', fullPage: true });
  expect(errors).toEqual([]);
  expect(unexpected).toEqual([]);
});

test('the metric and period pickers ask for that report and show it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${origin}/insights?organization=demo&environment=main`);
  await expect(page.locator('body[data-state="ready"]')).toBeVisible();
  await expect(page.locator('#metric option')).toHaveText(['Signed up (signup)', 'add_to_cart']);
  expect(await page.inputValue('#from')).toBe('2026-01-30');
  expect(await page.inputValue('#to')).toBe('2026-02-28');

  const before = served.length;
  await page.selectOption('#metric', 'add_to_cart');
  await expect.poll(() => served.length).toBe(before + 1);
  const cart = served.at(-1) as (typeof served)[number];
  expect(cart.query.get('metric')).toBe('add_to_cart');
  await expect(page.locator('#status')).toContainText('add_to_cart');
  await expectTablesToEqual(page, cart.report);

  await page.fill('#from', '2026-02-10');
  await page.fill('#to', '2026-02-20');
  await page.click('button[type="submit"]');
  await expect.poll(() => served.length).toBe(before + 2);
  const week = served.at(-1) as (typeof served)[number];
  expect(week.query.get('from')).toBe('2026-02-10T00:00:00.000Z');
  expect(week.query.get('to')).toBe('2026-02-21T00:00:00.000Z'); // the `to` day included
  expect(week.report.experiences[0]?.daily).toHaveLength(11);
  await expect(page.locator('#status')).toContainText('2026-02-10 to 2026-02-20');
  await expectTablesToEqual(page, week.report);
  expect(new URL(page.url()).searchParams.get('metric')).toBe('add_to_cart');
  expect(errors).toEqual([]);
  expect(unexpected).toEqual([]);
});

test('a period nobody saw an experience in: words instead of empty charts, zeros in the table', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(`${origin}/insights?organization=demo&environment=main`);
  await expect(page.locator('body[data-state="ready"]')).toBeVisible();
  const before = served.length;
  await page.fill('#from', '2025-06-01');
  await page.fill('#to', '2025-06-07');
  await page.click('button[type="submit"]');
  await expect.poll(() => served.length).toBe(before + 1);
  const empty = served.at(-1) as (typeof served)[number];
  expect(new Set(empty.report.experiences.flatMap((e) => e.variants.map((v) => v.viewers)))).toEqual(
    new Set([0]),
  );
  await expect(page.locator('#status')).toContainText('2025-06-01 to 2025-06-07');
  const count = empty.report.experiences.length;
  expect(count).toBeGreaterThan(0);
  await expect(page.locator('figure.bar-chart p.empty')).toHaveText(
    Array(count).fill('No viewers in this period.'),
  );
  await expect(page.locator('figure.bar-chart svg')).toHaveCount(0);
  await expect(page.locator('figure.line-chart p.empty')).toHaveCount(count);
  await expectTablesToEqual(page, empty.report);
  expect(errors).toEqual([]);
});

test('says what is missing instead of failing: no organization in the URL', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${origin}/insights`);
  await expect(page.locator('#status')).toHaveText(
    'Open this page with ?organization=<id>&environment=<id>.',
  );
  await expect(page.locator('#status')).toHaveClass(/error/);
  expect(errors).toEqual([]);
});
