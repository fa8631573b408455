import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, sharedPlaywrightConfig } from '../../playwright.shared.ts';

// The Insights dashboard suite: each spec builds the page with scripts/build-dashboard.mjs and
// serves it, with report fixtures from buildReport, from a tiny static server on 127.0.0.1.
export default defineConfig({
  ...sharedPlaywrightConfig,
  testDir: 'e2e',
  use: { launchOptions: chromiumLaunchOptions, viewport: { width: 1280, height: 900 } },
});
