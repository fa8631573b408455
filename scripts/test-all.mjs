#!/usr/bin/env node
// Runs every check CI runs, in order, and ends with one line `N passed, N failed`, summed
// over the JUnit reports of every runner (vitest, Playwright, and the package/size checks).
// A step that fails without writing a report still counts as one failure.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findReports, readReport, writeJUnit } from './junit.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  GATSBY_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  CI: process.env.CI ?? '1',
};

for (const file of findReports(root)) rmSync(file);

const only = process.argv.slice(2);
const steps = [
  ['lint', 'pnpm', ['exec', 'biome', 'ci', '.']],
  ['build', 'pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']],
  ['typecheck', 'pnpm', ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only']],
  ['unit', 'pnpm', ['exec', 'turbo', 'run', 'test', '--output-logs=new-only', '--continue']],
  ['packages', 'node', ['scripts/check-packages.mjs']],
  ['size', 'node', ['scripts/size.mjs', '--check']],
  ['e2e', 'pnpm', ['exec', 'turbo', 'run', 'e2e', '--concurrency=1', '--output-logs=new-only', '--continue']],
].filter(([name]) => only.length === 0 || only.includes(name));

/**
 * Runs one step with its output streamed through, and resolves to its exit status and the last
 * `keep` lines it printed (reprinted at the end when it fails, where CI's tail shows them).
 */
function runStep(cmd, args, keep = 80) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    const tail = [];
    let partial = '';
    const collect = (chunk) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      tail.push(...lines);
      if (tail.length > keep) tail.splice(0, tail.length - keep);
    };
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      collect(chunk);
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      collect(chunk);
    });
    child.on('error', (error) => resolve({ status: 1, tail: [String(error)] }));
    child.on('close', (code, signal) =>
      resolve({ status: code ?? signal, tail: partial ? [...tail, partial] : tail }),
    );
  });
}

const stepCases = [];
const failedSteps = [];
for (const [name, cmd, args] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const result = await runStep(cmd, args);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✖'} ${name} (${seconds}s)`);
  // Steps without their own test cases (lint, build, typecheck) count as one case each.
  stepCases.push({ name, failure: ok ? undefined : `${name} exited with ${result.status}` });
  if (!ok) failedSteps.push({ name, status: result.status, tail: result.tail });
}
writeJUnit(join(root, 'reports', 'junit-steps.xml'), 'ci-steps', stepCases);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of findReports(root)) {
  const r = readReport(file);
  console.log(
    `  ${relative(root, file)}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`,
  );
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
}
// A failed step's last lines again, next to the summary: CI's log is often read from the end.
for (const step of failedSteps) {
  console.log(`\n✖ step ${step.name} exited with ${step.status}; its last ${step.tail.length} lines:`);
  for (const line of step.tail) console.log(`  | ${line}`);
}
// A skipped test in CI is a defect: count it as a failure.
failed += skipped;
const summary = `${passed} passed, ${failed} failed`;
mkdirSync(join(root, 'reports'), { recursive: true });
writeFileSync(join(root, 'reports', 'summary.txt'), `${summary}\n`);
console.log(summary);
process.exit(failed > 0 ? 1 : 0);
