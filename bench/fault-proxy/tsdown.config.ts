import { defineConfig } from 'tsdown';

/**
 * The fault proxy for Node consumers such as Playwright
 * tests, which load the built file: one ESM bundle with types. The benchmarks themselves are
 * bundled by `run.mjs` at run time.
 */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  fixedExtension: true,
  dts: true,
  sourcemap: true,
  clean: true,
  outDir: 'dist',
});
