import { defineConfig } from '@playwright/test';

// The e2e suite drives the *built* app (`pnpm build` first; turbo's `e2e` task depends on
// `build`), served by `vite preview` on 127.0.0.1:4310. Each test starts its own local
// Experience API on a free port and points the app at it through the runtime override
// `window.__NINETAILED_EXAMPLE_CONFIG__` (see src/config.ts), so one build serves every test.
export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  reporter: [['list'], ['junit', { outputFile: 'reports/junit-e2e.xml' }]],
  use: {
    baseURL: 'http://127.0.0.1:4310',
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
  webServer: {
    command: 'node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port 4310 --strictPort',
    url: 'http://127.0.0.1:4310',
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
