/**
 * Shared Playwright settings for every browser suite in the repo.
 *
 * Browsers come from Debian (`/usr/bin/chromium`, or `CHROMIUM_PATH`): nothing here downloads
 * one. Without the background-networking flags Chromium tries to reach Google's hosts, which
 * this closed network refuses. Every suite runs one worker, no retries (a flaky test must
 * fail), and writes JUnit to `reports/junit-e2e.xml`, which CI sums.
 */
export const chromiumLaunchOptions = {
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
};

/** Spread into `defineConfig({ ...sharedPlaywrightConfig, ... })`. */
export const sharedPlaywrightConfig = {
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  reporter: [['list'], ['junit', { outputFile: 'reports/junit-e2e.xml' }]] as [string, unknown][],
};
