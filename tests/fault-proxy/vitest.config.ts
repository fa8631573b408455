import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      environment: 'node',
      include: ['test/**/*.test.ts'],
      // Real HTTP on 127.0.0.1 (a target server and the proxy), no browser.
      testTimeout: 15_000,
    },
  }),
);
