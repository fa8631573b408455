/**
 * Global setup of the `postgres` vitest project: the cluster's URL for the tests
 * (`inject('postgresUrl')`). Uses `NINETAILED_TEST_POSTGRES_URL` when set (CI starts one with
 * scripts/postgres.sh); otherwise starts a throwaway cluster with that script and stops it after
 * the run.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'scripts', 'postgres.sh');

export default function setup(project: TestProject): (() => void) | undefined {
  const given = process.env.NINETAILED_TEST_POSTGRES_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return undefined;
  }
  const output = execFileSync('bash', [script, 'start'], { encoding: 'utf8' });
  const value = (name: string) => new RegExp(`export ${name}='([^']*)'`).exec(output)?.[1];
  const url = value('NINETAILED_TEST_POSTGRES_URL');
  const dir = value('PGCLUSTER_DIR');
  if (!url || !dir) throw new Error(`[ninetailed] scripts/postgres.sh start printed no URL: ${output}`);
  project.provide('postgresUrl', url);
  return () => {
    execFileSync('bash', [script, 'stop', dir]);
  };
}
