// Builds the Insights dashboard (`GET /insights`) into dist/dashboard: one JS file with Observable
// Plot bundled (the page works offline, no CDN) and the HTML page. Run after tsdown, which cleans dist.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src/http/dashboard');
const out = resolve(root, process.argv[2] ?? 'dist/dashboard');

await mkdir(out, { recursive: true });
const result = await build({
  entryPoints: [join(source, 'dashboard.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  outfile: join(out, 'dashboard.js'),
  metafile: true,
  logLevel: 'warning',
});
await copyFile(join(source, 'index.html'), join(out, 'index.html'));
const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
console.log(`[ninetailed] dashboard built in ${out} (dashboard.js ${(bytes / 1024).toFixed(0)} KB)`);
