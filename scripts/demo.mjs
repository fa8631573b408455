#!/usr/bin/env node
// The demo: the local Experience API (port 3030, database in .demo/) plus the Next.js
// example app (built, port 3000). Run through `npm run demo`, which installs and builds first.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const apiPort = process.env.API_PORT ?? '3030';
const appPort = process.env.PORT ?? '3000';
mkdirSync(join(root, '.demo'), { recursive: true });

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', GATSBY_TELEMETRY_DISABLED: '1' };
const children = [
  spawn('node', [join(root, 'apps/experience-api/dist/cli.mjs')], {
    stdio: 'inherit',
    env: { ...env, PORT: apiPort, HOST: '127.0.0.1', DATABASE_FILE: join(root, '.demo/experience-api.db') },
  }),
  spawn('pnpm', ['--filter', 'next-example', 'exec', 'next', 'start', '-H', '127.0.0.1', '-p', appPort], {
    stdio: 'inherit',
    env,
  }),
];

console.log(
  `\n  Ninetailed demo\n  Experience API: http://127.0.0.1:${apiPort}\n  Open the Next.js example: http://127.0.0.1:${appPort}\n  Experience Insights: http://127.0.0.1:${apiPort}/insights?organization=demo&environment=main\n  (Ctrl+C stops both)\n`,
);

let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
for (const child of children) child.on('exit', (code) => stop(code ?? 1));
