import type { Compilable } from 'kysely';

/** SQL text and parameters, ready for a driver. */
export interface BoundQuery {
  sql: string;
  parameters: unknown[];
}

/** A query built once with Kysely and bound to new arguments on every call. */
export type PreparedQuery<Args extends readonly unknown[]> = (...args: Args) => BoundQuery;

const MARKER = /^@@ninetailed-arg-(\d+)@@$/;

/**
 * Builds a query with Kysely once and compiles it to SQL; each call only binds arguments.
 * `build` receives one placeholder per argument (use them as values in the query); the
 * compiled parameters that are placeholders take the call's arguments, any other parameter
 * (a constant in the query) is kept. This keeps Kysely's query building off the hot path
 * while every query is still written once, for both dialects.
 *
 * @example
 * const byId = prepareQuery(2, ([org, id]) => db.selectFrom('profiles').selectAll().where('org', '=', org).where('id', '=', id));
 * const { sql, parameters } = byId('demo', 'p1');
 */
export function prepareQuery<Args extends readonly unknown[]>(
  arity: Args['length'],
  build: (placeholders: string[]) => Compilable<unknown>,
): PreparedQuery<Args> {
  const placeholders = Array.from({ length: arity }, (_, i) => `@@ninetailed-arg-${i}@@`);
  const compiled = build(placeholders).compile();
  const slots = compiled.parameters.map((parameter): { arg: number } | { value: unknown } => {
    const match = typeof parameter === 'string' ? MARKER.exec(parameter) : null;
    return match ? { arg: Number(match[1]) } : { value: parameter };
  });
  const { sql } = compiled;
  return (...args) => ({
    sql,
    parameters: slots.map((slot) => ('arg' in slot ? args[slot.arg] : slot.value)),
  });
}
