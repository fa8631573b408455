#!/usr/bin/env node
// Runs the pinned pnpm (from package.json "packageManager") without a global install:
// a fresh machine only needs Node 20 and npm. Uses an installed pnpm when it is the pinned one.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pin = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager;
const version = pin.replace(/^pnpm@/, '');
const args = process.argv.slice(2);

function installedVersion() {
  try {
    return execFileSync('pnpm', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  GATSBY_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
};
const result =
  installedVersion() === version
    ? spawnSync('pnpm', args, { stdio: 'inherit', env, cwd: process.cwd() })
    : spawnSync('npx', ['-y', `pnpm@${version}`, ...args], { stdio: 'inherit', env, cwd: process.cwd() });
process.exit(result.status ?? 1);
