import type { SqlDialect } from '../sqlDialect';
import type { Execute } from '../sqlTransaction';
import type { Scope } from '../store';
import { insightQueries } from './insightQueries';

/**
 * The names of the accepted `track` events of a scope, sorted (every one is a metric when the
 * environment names none).
 *
 * @example
 * await readTrackNames(execute, dialect, scope); // ['add_to_cart', 'signup']
 */
export async function readTrackNames(execute: Execute, dialect: SqlDialect, scope: Scope): Promise<string[]> {
  const rows = await execute(insightQueries(dialect).listTrackNames(scope.organization, scope.environment));
  return rows
    .map((row) => row.event)
    .filter((name): name is string => typeof name === 'string')
    .map((name) => dialect.unkey(name));
}
