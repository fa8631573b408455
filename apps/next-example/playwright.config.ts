import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, sharedPlaywrightConfig } from '../../playwright.shared.ts';

/** Ports of this app's e2e servers (the repo gives each example app its own pair). */
export const PROD_PORT = 4320;
export const DEV_PORT = 4321;
/**
 * Where each server's own Experience API client (proxy, layout, server actions) sends, read at
 * run time (`NINETAILED_API_URL`): e2e/ssr.spec.ts starts its API there. In the other specs
 * nothing listens, so the server renders without a profile and the browser selects.
 */
export const SSR_API_PORT = { prod: 4322, dev: 4323 } as const;

const next = 'node node_modules/next/dist/bin/next';
const env = { NEXT_TELEMETRY_DISABLED: '1' };

// Two projects, the same tests: `prod` against `next start` (the build that `pnpm build` made),
// `dev` against `next dev` (StrictMode on, routes compiled on first request: the tests warm
// them first). Each test starts its own Experience API: see e2e/fixtures.ts.
export default defineConfig({
  ...sharedPlaywrightConfig,
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: {
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: 'prod', use: { baseURL: `http://127.0.0.1:${PROD_PORT}` } },
    { name: 'dev', use: { baseURL: `http://127.0.0.1:${DEV_PORT}` } },
  ],
  webServer: [
    {
      command: `${next} start --port ${PROD_PORT} --hostname 127.0.0.1`,
      url: `http://127.0.0.1:${PROD_PORT}/about`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ...env, NINETAILED_API_URL: `http://127.0.0.1:${SSR_API_PORT.prod}` },
    },
    {
      command: `${next} dev --port ${DEV_PORT} --hostname 127.0.0.1`,
      url: `http://127.0.0.1:${DEV_PORT}/favicon.svg`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { ...env, NINETAILED_API_URL: `http://127.0.0.1:${SSR_API_PORT.dev}` },
    },
  ],
});
