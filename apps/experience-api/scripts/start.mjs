// `pnpm start`: builds dist/ when it is missing or older than src/, then runs the CLI in this
// process (so SIGINT/SIGTERM reach the server's graceful shutdown directly).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cli = join(root, 'dist', 'cli.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(cli) ||
  statSync(cli).mtimeMs <
    Math.max(newestSource(join(root, 'src')), statSync(join(root, 'tsdown.config.ts')).mtimeMs);
if (stale) {
  process.stderr.write('[ninetailed] building the Experience API (dist/ is missing or stale)\n');
  const require = createRequire(join(root, 'package.json'));
  const tsdownPackage = require.resolve('tsdown/package.json');
  const { bin } = require(tsdownPackage);
  const binPath = join(dirname(tsdownPackage), typeof bin === 'string' ? bin : bin.tsdown);
  execFileSync(process.execPath, [binPath, '--log-level', 'warn'], { cwd: root, stdio: 'inherit' });
}

await import(pathToFileURL(cli).href);
