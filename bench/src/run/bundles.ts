import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** bench/ (this file is bundled into bench/.build/, so resolve from the package root). */
export const benchRoot =
  process.env.NINETAILED_BENCH_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..');

/** The page scripts, by name: `src/browser/<file>`. */
export const PAGE_ENTRIES = {
  ours: 'ours.ts',
  v7: 'v7.ts',
  floor: 'floor.ts',
  oursReact: 'oursReact.tsx',
  v7React: 'v7React.tsx',
  heroOurs: 'heroOurs.tsx',
  heroV7: 'heroV7.tsx',
} as const;
export type PageName = keyof typeof PAGE_ENTRIES;

/**
 * Bundles every page script for the browser as an app's production build would: esbuild,
 * minified, `NODE_ENV=production`, workspace packages from their built `dist/` (or from `src/`
 * with `source: true`). Returns the JavaScript by page name.
 *
 * @example
 * ```ts
 * const scripts = await buildPages({ source: false });
 * scripts.get('ours'); // the IIFE for the "ours" page
 * ```
 */
export async function buildPages(options: { source: boolean }): Promise<Map<PageName, string>> {
  const out = new Map<PageName, string>();
  await Promise.all(
    (Object.entries(PAGE_ENTRIES) as [PageName, string][]).map(async ([name, file]) => {
      const result = await build({
        entryPoints: [join(benchRoot, 'src', 'browser', file)],
        absWorkingDir: benchRoot,
        bundle: true,
        minify: true,
        format: 'iife',
        platform: 'browser',
        target: 'es2020',
        jsx: 'automatic',
        write: false,
        logLevel: 'silent',
        conditions: options.source ? ['@ninetailed/source'] : [],
        define: { 'process.env.NODE_ENV': '"production"' },
      });
      out.set(name, result.outputFiles[0]!.text);
    }),
  );
  return out;
}
