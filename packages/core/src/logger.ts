/**
 * Log levels, from chatty to serious.
 *
 * @example
 * ```ts
 * const serious = (level: LogLevel) => level === 'warn' || level === 'error';
 * ```
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Receives every `warn`/`error` log, and `debug`/`info` too while debug is on, v7's way:
 * the `[ninetailed]` message, then its data (if any), then the level, always last.
 *
 * @example
 * ```ts
 * new Ninetailed({ clientId: 'demo', onLog: (message, ...args) => myLogger.info(message, ...args) });
 * ```
 */
export type OnLog = (message: string, ...args: unknown[]) => void;

/**
 * The SDK's logger (v7's methods): `ninetailed.logger.warn('…')` logs as the SDK does,
 * `[ninetailed]` prefixed, to `onLog` and (while debug is on) the console. `enabled` is the debug
 * switch; `print` is the same with an explicit level.
 *
 * @example
 * ```ts
 * ninetailed.logger.error('checkout widget failed', error);
 * ```
 */
export interface Logger {
  enabled: boolean;
  print(level: LogLevel, message: string | Error, ...data: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  log(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
  fatal(message: string | Error, ...args: unknown[]): void;
}

/**
 * Logs go to `onLog` and, only while debug is on (or `loud`), to the console: quiet in production.
 *
 * @example
 * ```ts
 * const logger = createLogger(true);
 * logger.info('hello'); // console: [ninetailed] hello
 * ```
 */
export function createLogger(enabled: boolean, onLog?: OnLog): Logger {
  const at =
    (level: LogLevel) =>
    (message: string | Error, ...data: unknown[]) =>
      logger.print(level, message, ...data);
  const logger: Logger = {
    enabled,
    print(level, message, ...data) {
      const raw = (message as Error)?.message ?? String(message);
      const text = raw.startsWith('[ninetailed]') ? raw : `[ninetailed] ${raw}`;
      // Neither a throwing `onLog` nor a patched console may break the SDK (or throw into the page).
      try {
        if (logger.enabled) globalThis.console?.[level](text, ...data);
        if (onLog && (level === 'warn' || level === 'error' || logger.enabled)) onLog(text, ...data, level);
      } catch {}
    },
    debug: at('debug'),
    info: at('info'),
    log: at('info'),
    warn: at('warn'),
    error: at('error'),
    fatal: at('error'),
  };
  return logger;
}
