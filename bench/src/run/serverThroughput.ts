import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchRoot } from './bundles';

/** The server throughput part, produced by bench/server (owned by the server's engineer). */
export interface ServerResult {
  status: 'ok' | 'missing' | 'failed';
  /** The results table(s) of bench/server's results file, verbatim. */
  table?: string;
  /** The description lines above the table. */
  method?: string;
  message?: string;
  resultsFile: string;
}

/**
 * Runs `bench/server/run.mjs` (the local Experience API throughput benchmark: events/s and
 * p50/p99 latency on SQLite) in a child process and reads the Markdown it writes. `env` is
 * passed on (for example `DURATION`, `RESULTS`).
 *
 * @example
 * ```ts
 * const server = await serverThroughput({ DURATION: '3' });
 * ```
 */
export async function serverThroughput(
  env: Record<string, string>,
  log: (m: string) => void,
): Promise<ServerResult> {
  const script = join(benchRoot, 'server', 'run.mjs');
  const resultsFile = env.RESULTS ?? join(benchRoot, 'server', 'results.md');
  if (!existsSync(script)) {
    return { status: 'missing', message: 'bench/server/run.mjs does not exist yet', resultsFile };
  }
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [script], {
      cwd: join(benchRoot, '..', 'apps', 'experience-api'),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.trim()) log(`server: ${line.trim()}`);
    });
    child.on('exit', resolve);
    child.on('error', () => resolve(null));
  });
  if (code !== 0 || !existsSync(resultsFile)) {
    return { status: 'failed', message: `bench/server/run.mjs exited with ${code}`, resultsFile };
  }
  const lines = readFileSync(resultsFile, 'utf8').split('\n');
  const table = lines.filter((line) => line.startsWith('|')).join('\n');
  const method = lines
    .filter((line) => line.trim() && !line.startsWith('|') && !line.startsWith('#'))
    .join(' ');
  return { status: 'ok', table, method, resultsFile };
}
