import { defineConfig } from '@playwright/test';

// Real Chromium against the built core (`pnpm build` first; turbo's `e2e` task depends on
// `build`). Each worker starts the local Experience API, a fault-injecting proxy in front of it
// and a static server for the test page, all on free ports of 127.0.0.1 (see e2e/fixtures.ts).
export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  reporter: [['list'], ['junit', { outputFile: 'reports/junit-e2e.xml' }]],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
});
