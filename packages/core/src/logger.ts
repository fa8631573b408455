/**
 * Log levels, from chatty to serious.
 *
 * @example
 * ```ts
 * const onLog = (level: LogLevel, message: string) => level === 'error' && alert(message);
 * ```
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Receives every `warn`/`error` log, and `debug`/`info` too while debug is on.
 *
 * @example
 * ```ts
 * new Ninetailed({ clientId: 'demo', onLog: (level, message, data) => myLogger[level](message, data) });
 * ```
 */
export type OnLog = (level: LogLevel, message: string, data?: unknown) => void;

/** A prefixed logger; `enabled` is the debug switch. */
export interface Logger {
  enabled: boolean;
  log(level: LogLevel, message: string, data?: unknown): void;
}

/**
 * Logs go to `onLog` and, only while debug is on, to the console: quiet in production.
 *
 * @example
 * ```ts
 * const logger = createLogger(true);
 * logger.log('info', 'hello'); // console: [ninetailed] hello
 * ```
 */
export function createLogger(enabled: boolean, onLog?: OnLog): Logger {
  const logger: Logger = {
    enabled,
    log(level, message, data) {
      const text = message.startsWith('[ninetailed]') ? message : `[ninetailed] ${message}`;
      // Neither a throwing `onLog` nor a patched console may break the SDK (or throw into the page).
      try {
        if (logger.enabled) globalThis.console?.[level](text, ...(data === undefined ? [] : [data]));
        if (onLog && (level === 'warn' || level === 'error' || logger.enabled)) onLog(level, text, data);
      } catch {}
    },
  };
  return logger;
}
