/**
 * The dashboard as the local Experience API serves it (`GET /insights`, loopback only), on data
 * seeded through the real endpoints over several days: the numbers shown equal the JSON
 * report, the charts render, no console errors. Also takes the README's screenshot.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
// @ts-expect-error: a plain ES module script (scripts/insights-seed.mjs) without types
import { seedInsights } from '../scripts/insights-seed.mjs';
import { loadConfig } from '../src/config/config';
import { DEFAULT_CONFIG_FILE } from '../src/defaultConfigFile';
import type { ReportWithSeries } from '../src/http/dashboard/types';
import { type RunningServer, startServer } from '../src/http/server';
import { expectTablesToEqual, watchErrors } from './dashboardChecks';

const DAY = 86_400_000;
const TODAY = Date.parse('2026-03-01T10:00:00Z');
const clock = { now: TODAY };
let server: RunningServer;
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'insights-served-'));
  execFileSync('node', ['scripts/build-dashboard.mjs', join(dir, 'dashboard')], { stdio: 'pipe' });
  process.env.NINETAILED_DASHBOARD_DIR = join(dir, 'dashboard');
  // The demo configuration, with a holdout for the personalization and a named metric.
  const config = loadConfig(DEFAULT_CONFIG_FILE);
  const main = config.organizations.demo?.environments.main;
  if (!main?.experiences) throw new Error('[ninetailed] the demo configuration has no demo/main experiences');
  main.metrics = [{ id: 'signup', name: 'Signed up', event: 'signup' }];
  for (const experience of main.experiences)
    if (experience.id === 'news-hero') experience.trafficAllocation = 0.7;
  server = await startServer({
    config,
    port: 0,
    databaseFile: join(dir, 'api.db'),
    now: () => clock.now,
    logger: false,
    createRateLimit: false,
  });
  // 400 visitors over the last 14 days.
  await seedInsights(server.url, {
    visitors: 400,
    onVisitor: (i: number) => {
      clock.now = TODAY - 14 * DAY + Math.floor((i / 400) * 14 * DAY);
    },
  });
  clock.now = TODAY;
});

test.afterAll(async () => {
  await server?.close();
  delete process.env.NINETAILED_DASHBOARD_DIR;
  rmSync(dir, { recursive: true, force: true });
});

test('the served page shows the JSON report of seeded data, draws its charts, logs no errors', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const reports: Promise<ReportWithSeries>[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/insights/experiences?'))
      reports.push(response.json().then((body) => body.data));
  });
  await page.goto(`${server.url}/insights?organization=demo&environment=main`);
  await expect(page.locator('body[data-state="ready"]')).toBeVisible();
  expect(reports).toHaveLength(1);
  const shown = await reports[0];
  // The same report as a client of the JSON endpoint gets.
  const url = `${server.url}/v2/organizations/demo/environments/main/insights/experiences?metric=signup&series=daily`;
  const json = (await (await fetch(url)).json()).data as ReportWithSeries;
  expect(shown).toEqual(json);
  expect(json.experiences.every((e) => e.variants.some((v) => v.viewers > 20))).toBe(true);
  expect(json.experiences.find((e) => e.experienceId === 'news-hero')?.holdout.viewers).toBeGreaterThan(0);
  await expectTablesToEqual(page, json);
  for (const experience of json.experiences) {
    const section = page.locator(`section.experience[data-experience-id="${experience.experienceId}"]`);
    const bars = section.locator('.bar-chart svg g[aria-label="bar"] rect');
    expect(await bars.count()).toBeGreaterThan(0);
    for (const height of await bars.evaluateAll((rects) =>
      rects.map((r) => r.getBoundingClientRect().height),
    )) {
      expect(height).toBeGreaterThan(1);
    }
    const lines = section.locator('.line-chart svg g[aria-label="line"] path');
    expect(await lines.count()).toBeGreaterThan(0);
  }
  await page.screenshot({
    path: process.env.INSIGHTS_SCREENSHOT ?? join(dir, 'insights-dashboard.png'),
    fullPage: true,
  });
  expect(errors).toEqual([]);
});

test('the page and its assets are loopback only, like the inspection endpoints', async () => {
  const page = await fetch(`${server.url}/insights`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toContain('text/html');
  const script = await fetch(`${server.url}/insights/dashboard.js`);
  expect(script.headers.get('content-type')).toContain('text/javascript');
  expect((await script.text()).length).toBeGreaterThan(1000);
  // Another web page (DNS rebinding: a foreign Host, or a foreign Origin) is refused.
  const { request } = await import('node:http');
  const status = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const call = request(`${server.url}/insights`, { headers }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      call.on('error', reject);
      call.end();
    });
  expect(await status({ Host: 'evil.example' })).toBe(403);
  expect(await status({ Origin: 'https://evil.example' })).toBe(403);
  expect(await status({ Origin: 'http://localhost:5173' })).toBe(200);
  expect((await fetch(`${server.url}/insights/secrets.txt`)).status).toBe(404);
});
