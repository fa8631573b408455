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
  writeLine(entry.level === 'error' ? process.stderr : process.stdout, line);
};

const closed = new WeakSet<NodeJS.WritableStream>();
const guarded = new WeakSet<NodeJS.WritableStream>();

/**
 * Writes a log line unless the stream is gone. A closed log pipe (`experience-api | head -1`)
 * makes writes fail with EPIPE: the stream is then dropped, never the server.
 *
 * @example
 * writeLine(process.stdout, '{"msg":"listening"}\n');
 */
export function writeLine(stream: NodeJS.WritableStream, line: string): void {
  if (closed.has(stream)) return;
  if (!guarded.has(stream)) {
    guarded.add(stream);
    stream.on('error', () => closed.add(stream));
  }
  try {
    stream.write(line);
  } catch {
    closed.add(stream);
  }
}

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
