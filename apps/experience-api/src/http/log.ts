/** One line of the request log. */
export interface RequestLogEntry {
  time: string;
  level: 'info' | 'error';
  msg: string;
  method?: string;
  path?: string;
  status?: number;
  ms?: number;
  error?: string;
  [key: string]: unknown;
}

/** Where log entries go: a function, or `false` for silence. */
export type Logger = (entry: RequestLogEntry) => void;

/**
 * The default logger: one JSON line per entry on stdout (errors on stderr).
 *
 * @example
 * jsonLineLogger({ time: new Date().toISOString(), level: 'info', msg: 'request', method: 'GET', path: '/', status: 404, ms: 0.3 });
 */
export const jsonLineLogger: Logger = (entry) => {
  const line = `${JSON.stringify(entry)}\n`;
  if (entry.level === 'error') process.stderr.write(line);
  else process.stdout.write(line);
};

/**
 * Picks the logger from the server options (`undefined` → JSON lines, `false` → none).
 *
 * @example
 * const log = resolveLogger(false); // a no-op
 */
export function resolveLogger(option: Logger | false | undefined): Logger {
  if (option === false) return () => {};
  return option ?? jsonLineLogger;
}
