import type { UserConfig } from 'tsdown';

/**
 * Shared build for the published packages: one output file per source file
 * (so `'use client'` stays at the top of client modules), ESM + CJS, and types
 * for both (`.d.mts` / `.d.cts`).
 */
export function packageBuild(entry: string[] = ['src/index.ts']): UserConfig {
  return {
    entry,
    format: ['esm', 'cjs'],
    unbundle: true,
    fixedExtension: true,
    dts: true,
    sourcemap: true,
    clean: true,
    platform: 'neutral',
    target: 'es2020',
    outDir: 'dist',
    treeshake: true,
  };
}

/**
 * Shared build for the private Node packages (the local Experience API, the fault proxy): one
 * ESM bundle per entry with types, for Node 20 consumers such as the CLI and Playwright tests.
 */
export function nodeBuild(entry: string[], extra: UserConfig = {}): UserConfig {
  return {
    entry,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    fixedExtension: true,
    dts: true,
    sourcemap: true,
    clean: true,
    outDir: 'dist',
    ...extra,
  };
}
