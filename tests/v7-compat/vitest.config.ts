import { defineConfig } from 'vitest/config';

// Not the shared config: that one resolves workspace packages to their sources, and this suite
// runs the BUILT packages, as an app installed from npm would (turbo builds them first).
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/globalSetup.ts'],
    reporters: ['default', ['junit', { outputFile: 'reports/junit-vitest.xml' }]],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
