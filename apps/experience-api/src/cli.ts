#!/usr/bin/env node
import { cliOptions, HELP } from './cliOptions';
import { ConfigError } from './config/config';
import { jsonLineLogger } from './http/log';
import { startServer } from './http/server';
import { redactUrl } from './store/postgresStore';

async function main(): Promise<void> {
  let options: ReturnType<typeof cliOptions>;
  try {
    options = cliOptions(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(options);
  } catch (error) {
    const message =
      error instanceof ConfigError ? error.message : `[ninetailed] cannot start: ${String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
  jsonLineLogger({
    time: new Date().toISOString(),
    level: 'info',
    msg: 'listening',
    url: server.url,
    ...(options.databaseUrl !== undefined
      ? { databaseUrl: redactUrl(options.databaseUrl) }
      : { databaseFile: options.databaseFile }),
    config: options.config,
  });
  const shutdown = (signal: string) => {
    jsonLineLogger({ time: new Date().toISOString(), level: 'info', msg: 'shutting down', signal });
    server.close().then(
      () => {
        jsonLineLogger({ time: new Date().toISOString(), level: 'info', msg: 'stopped' });
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`[ninetailed] shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

await main();
