#!/usr/bin/env node
// @ts-check
/**
 * Size budget of the Next binding: what it adds, min+gzip, over the React binding. Both are
 * bundled whole (`export *`, so nothing is tree-shaken away) with esbuild, with react,
 * react-dom and next external (an app has them anyway).
 *
 *   node scripts/size.mjs            measures dist/ (run `pnpm build` first)
 *   node scripts/size.mjs --source   measures src/ (what the unit test does)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const BUDGET_BYTES = 1024;
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} pkg @param {boolean} source */
async function minGzip(pkg, source) {
  const result = await build({
    stdin: { contents: `export * from '${pkg}';`, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    conditions: source ? ['@ninetailed/source'] : [],
    external: ['react', 'react/*', 'react-dom', 'react-dom/*', 'next', 'next/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return gzipSync(code, { level: 9 }).length;
}

/**
 * @param {{ source?: boolean }} [options]
 * @returns {Promise<{ react: number, next: number, added: number }>} bytes, min+gzip
 */
export async function measureSize({ source = false } = {}) {
  const react = await minGzip('@ninetailed/experience.js-react', source);
  const next = await minGzip('@ninetailed/experience.js-next', source);
  return { react, next, added: next - react };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = process.argv.includes('--source');
  const { react, next, added } = await measureSize({ source });
  console.log(
    `[ninetailed] size (${source ? 'src' : 'dist'}, min+gzip): react binding ${react} B, ` +
      `next binding ${next} B, added by next ${added} B (budget ${BUDGET_BYTES} B)`,
  );
  if (added > BUDGET_BYTES) {
    console.error(`[ninetailed] the Next binding is over its size budget by ${added - BUDGET_BYTES} B`);
    process.exit(1);
  }
}
