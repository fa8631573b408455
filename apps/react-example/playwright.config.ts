import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, sharedPlaywrightConfig } from '../../playwright.shared.ts';

// The e2e suite drives the *built* app (`pnpm build` first; turbo's `e2e` task depends on
// `build`), served by `vite preview` on 127.0.0.1:4310. Each test starts its own local
// Experience API on a free port and points the app at it through the runtime override
// `window.__NINETAILED_EXAMPLE_CONFIG__` (see src/config.ts), so one build serves every test.
export default defineConfig({
  ...sharedPlaywrightConfig,
  testDir: 'e2e',
  use: {
    baseURL: 'http://127.0.0.1:4310',
    launchOptions: chromiumLaunchOptions,
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
