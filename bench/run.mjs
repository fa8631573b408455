#!/usr/bin/env node
// `pnpm bench`: builds what the benchmarks load (our packages and the local Experience API,
// through turbo, cached), bundles the TypeScript runner with esbuild into .build/, and runs it.
// Options: see `pnpm bench --help` (src/run/main.ts).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const bench = dirname(fileURLToPath(import.meta.url));
const root = join(bench, '..');
const args = process.argv.slice(2);
const source = args.includes('--source');

if (!args.includes('--no-build') && !source && !args.includes('--help')) {
  // Our packages are measured as users get them: the built dist/ (turbo skips what is fresh).
  const turbo = join(root, 'node_modules', '.bin', 'turbo');
  const result = spawnSync(
    turbo,
    ['run', 'build', '--filter=@ninetailed/bench^...', '--output-logs=errors-only', '--log-prefix=none'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    },
  );
  if (result.status !== 0) {
    console.error(
      '[ninetailed] bench: building the workspace packages failed; fix the build, or run with --source',
    );
    process.exit(1);
  }
}

const outfile = join(bench, '.build', 'main.mjs');
await build({
  entryPoints: [join(bench, 'src', 'run', 'entry.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // Default: every package from node_modules as Node resolves it (the API from its dist/).
  // --source: our workspace code from src/ (the `@ninetailed/source` condition), bundled in.
  ...(source
    ? {
        conditions: ['@ninetailed/source'],
        external: ['esbuild', 'playwright-core', 'react', 'react-dom', 'jsdom'],
        plugins: [serverNativeDependency()],
      }
    : { packages: 'external' }),
});
process.env.NINETAILED_BENCH_ROOT = bench;
await import(pathToFileURL(outfile).href);

/** The API's native SQLite binding stays external, imported by absolute path from the API's own deps. */
function serverNativeDependency() {
  const fromApi = createRequire(join(root, 'apps', 'experience-api', 'package.json'));
  return {
    name: 'server-native-dependency',
    setup(b) {
      b.onResolve({ filter: /^better-sqlite3$/ }, () => ({
        path: fromApi.resolve('better-sqlite3'),
        external: true,
      }));
    },
  };
}
