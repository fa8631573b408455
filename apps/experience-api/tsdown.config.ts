import { defineConfig } from 'tsdown';

/**
 * The server is an application, not a library for browsers: one ESM bundle per entry for Node,
 * with `better-sqlite3` (a native addon) left as a runtime dependency.
 */
export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  fixedExtension: true,
  dts: true,
  sourcemap: true,
  clean: true,
  outDir: 'dist',
  deps: { neverBundle: ['better-sqlite3'] },
});
