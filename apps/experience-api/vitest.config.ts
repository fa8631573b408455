import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      // Every test talks real HTTP to a real server on 127.0.0.1 with a real SQLite file.
      testTimeout: 20_000,
    },
  }),
);
