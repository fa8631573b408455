import { isObject } from '../domain/json';

/** A configuration that does not follow the format; the message names the bad path. */
export class ConfigError extends Error {
  constructor(
    readonly path: string,
    problem: string,
    source?: string,
  ) {
    super(
      `[ninetailed] invalid Experience API configuration${source ? ` ${source}` : ''}: ${path}: ${problem}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * The value as an object, or a {@link ConfigError} at `path`.
 *
 * @example
 * const leaf = object(rule.page, 'audiences[0].rule.page');
 */
export function object(value: unknown, path: string): Record<string, unknown> {
  if (!isObject(value)) throw new ConfigError(path, 'must be an object');
  return value;
}

/**
 * Refuses any key of `value` not in `allowed`, naming it.
 *
 * @example
 * allowKeys(leaf, path, ['where', 'count', 'withinDays']);
 */
export function allowKeys(value: Record<string, unknown>, path: string, allowed: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(path, `unknown key "${key}" (expected ${allowed.join(', ')})`);
    }
  }
}

/**
 * Keys for a message: `"a", "b"` or `none`.
 *
 * @example
 * describeKeys([]); // 'none'
 */
export function describeKeys(keys: string[]): string {
  return keys.length === 0 ? 'none' : keys.map((k) => `"${k}"`).join(', ');
}
