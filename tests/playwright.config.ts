import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, sharedPlaywrightConfig } from '../playwright.shared.ts';

// Real Chromium against the built core (`pnpm build` first; turbo's `e2e` task builds this
// package's dependencies: the core, the local API and the fault proxy). Each worker starts the local Experience API, a fault-injecting proxy in front of it
// and a static server for the test page, all on free ports of 127.0.0.1 (see e2e/fixtures.ts).
export default defineConfig({
  ...sharedPlaywrightConfig,
  testDir: 'e2e',
  use: { launchOptions: chromiumLaunchOptions },
});
