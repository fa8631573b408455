import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll } from 'vitest';
import { onCleanup } from './helpers';
import { postgresUrlFor, TEST_STORE } from './testDatabase';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

let built: Promise<string> | undefined;
let builtFile: string | undefined;

afterAll(() => {
  if (builtFile) rmSync(builtFile, { force: true });
});

/**
 * Bundles src/cli.ts once per test run into `.cache/` of this package (so `../config/demo.json`
 * and `better-sqlite3` resolve as from dist/), without needing `pnpm build` first.
 */
export function buildCli(): Promise<string> {
  built ??= (async () => {
    const outfile = join(packageDir, '.cache', `cli-test-${process.pid}-${threadId}.mjs`);
    mkdirSync(dirname(outfile), { recursive: true });
    builtFile = outfile;
    await build({
      entryPoints: [join(packageDir, 'src', 'cli.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['better-sqlite3', 'pg', 'kysely'],
      logLevel: 'silent',
    });
    return outfile;
  })();
  return built;
}

/** A CLI process and what it printed so far. */
export interface Child {
  process: ChildProcess;
  stdout: string[];
  stderr: string;
  /** Resolves with the first stdout JSON line matching `test`. */
  waitForLine(test: (entry: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/**
 * The environment that puts a CLI on the test run's store: in the `postgres` project, the
 * SQLite file it names (`--database-file` or `DATABASE_FILE`) maps to a PostgreSQL schema
 * passed as `DATABASE_URL` (see testDatabase.ts); otherwise nothing changes.
 */
async function storeEnv(args: string[], env: Record<string, string>): Promise<Record<string, string>> {
  if (TEST_STORE !== 'postgres' || env.DATABASE_URL !== undefined) return {};
  const flag = args.indexOf('--database-file');
  const file = flag === -1 ? env.DATABASE_FILE : args[flag + 1];
  if (file === undefined) return {};
  return { DATABASE_URL: await postgresUrlFor(file) };
}

/** Spawns the CLI with arguments and environment (killed after the test if still running). */
export async function spawnCli(args: string[], env: Record<string, string> = {}): Promise<Child> {
  const cli = await buildCli();
  const { DATABASE_URL: _inherited, ...parentEnv } = process.env;
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: packageDir,
    env: { ...parentEnv, PORT: '0', ...(await storeEnv(args, env)), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  let stderr = '';
  let pending = '';
  const waiters: {
    test: (e: Record<string, unknown>) => boolean;
    resolve: (e: Record<string, unknown>) => void;
  }[] = [];
  const entries: Record<string, unknown>[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      stdout.push(line);
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        entries.push(entry);
        for (const waiter of [...waiters]) {
          if (waiter.test(entry)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(entry);
          }
        }
      } catch {
        // not a JSON line (help text)
      }
      newline = pending.indexOf('\n');
    }
  });
  const result: Child = {
    process: child,
    stdout,
    get stderr() {
      return stderr;
    },
    waitForLine: (test) => {
      const found = entries.find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
  };
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await result.exited;
    }
  });
  return result;
}

/** Spawns the CLI and waits for its `listening` line; returns the URL too. */
export async function startCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<Child & { url: string }> {
  const child = await spawnCli(args, env);
  const listening = await Promise.race([
    child.waitForLine((e) => e.msg === 'listening'),
    child.exited.then((code) => {
      throw new Error(`CLI exited with ${code} before listening: ${child.stderr}`);
    }),
  ]);
  return Object.assign(child, { url: listening.url as string });
}
