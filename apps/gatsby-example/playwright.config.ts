import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, sharedPlaywrightConfig } from '../../playwright.shared.ts';

// The e2e suite drives the *built* site (`pnpm build` first; turbo's `e2e` task depends on
// `build`), served by `gatsby serve` on 127.0.0.1:4330. Each test starts its own local
// Experience API on a free port. GATSBY_* variables are inlined at build time, so the test
// points the built site at its API through `window.__NINETAILED_EXAMPLE_CONFIG__`, read by
// the site's pluginsModule (src/ninetailed-plugins.ts): one build serves every test.
export default defineConfig({
  ...sharedPlaywrightConfig,
  testDir: 'e2e',
  use: {
    baseURL: 'http://127.0.0.1:4330',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: 'node node_modules/gatsby/cli.js serve --host 127.0.0.1 --port 4330',
    url: 'http://127.0.0.1:4330',
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { GATSBY_TELEMETRY_DISABLED: '1' },
  },
});
