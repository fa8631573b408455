import { parseArgs } from 'node:util';
import {
  DEFAULT_CREATE_RATE_LIMIT,
  DEFAULT_PROFILE_RATE_LIMIT,
  type ProfileRateLimit,
} from './domain/rateLimit';
import { jsonLineLogger } from './http/log';
import { DEFAULT_CONFIG_FILE, type ServerOptions } from './http/server';

/** `--help` text of the CLI. */
export const HELP = `Usage: experience-api [options]

Runs the local Experience API (the Ninetailed wire protocol with a SQLite database, or
PostgreSQL shared by any number of processes).

Options (each also read from the environment variable in brackets):
  --port <n>            port to listen on (PORT, default 3030; 0 picks a free port)
  --host <addr>         interface to bind (HOST, default 127.0.0.1)
  --database-file <f>   SQLite file (DATABASE_FILE, default ./experience-api.db)
  --database-url <url>  PostgreSQL instead of SQLite (DATABASE_URL, postgres://user:pw@host:port/db);
                        migrations run at start, processes on one database act as one server
  --config <file>       configuration JSON (EXPERIENCE_CONFIG, default: the bundled demo config)
  --merged-ids <mode>   "redirect" (default) or "gone": what a merged-away profile id answers
  --commit-per-request  one transaction (and fsync) per request instead of group commit
  --profile-rate-limit <n[,burst]|off>
                        events per second per profile before 429 ERR_PROFILE_OVERLOAD
                        (PROFILE_RATE_LIMIT, default 100,1000; burst defaults to 10 s worth)
  --create-rate-limit <n[,burst]|off>
                        new profiles per second per organisation and environment before 429
                        ERR_ORGANIZATION_OVERLOAD (CREATE_RATE_LIMIT, default 50,500; off for benchmarks)
  --inspection          serve /__local/events even when HOST is not a loopback address
  --quiet               no request log
  -h, --help            this text
`;

/**
 * Turns command-line flags and environment variables into server options (flags win).
 *
 * @example
 * cliOptions(['--port', '0'], {}); // { port: 0, host: '127.0.0.1', ... }
 */
export function cliOptions(argv: string[], env: NodeJS.ProcessEnv): ServerOptions & { help: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'database-file': { type: 'string' },
      'database-url': { type: 'string' },
      config: { type: 'string' },
      'merged-ids': { type: 'string' },
      quiet: { type: 'boolean' },
      inspection: { type: 'boolean' },
      'commit-per-request': { type: 'boolean' },
      'profile-rate-limit': { type: 'string' },
      'create-rate-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const portText = values.port ?? env.PORT ?? '3030';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`[ninetailed] invalid port "${portText}": expected an integer from 0 to 65535`);
  }
  const databaseUrl = values['database-url'] ?? (env.DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(
      '[ninetailed] invalid DATABASE_URL: expected postgres://user:password@host:port/database (unset it to use SQLite with DATABASE_FILE)',
    );
  }
  const mergedIds = values['merged-ids'] ?? 'redirect';
  if (mergedIds !== 'redirect' && mergedIds !== 'gone') {
    throw new Error(`[ninetailed] invalid --merged-ids "${mergedIds}": expected redirect or gone`);
  }
  const rateText = values['profile-rate-limit'] ?? env.PROFILE_RATE_LIMIT;
  const createText = values['create-rate-limit'] ?? env.CREATE_RATE_LIMIT;
  return {
    help: values.help ?? false,
    port,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    databaseFile: values['database-file'] ?? env.DATABASE_FILE ?? './experience-api.db',
    ...(databaseUrl !== undefined ? { databaseUrl } : {}),
    config: values.config ?? env.EXPERIENCE_CONFIG ?? DEFAULT_CONFIG_FILE,
    mergedIds,
    groupCommit: !values['commit-per-request'],
    profileRateLimit: rateText === undefined ? DEFAULT_PROFILE_RATE_LIMIT : parseRateLimit(rateText),
    createRateLimit: createText === undefined ? DEFAULT_CREATE_RATE_LIMIT : parseRateLimit(createText),
    ...(values.inspection ? { inspection: true } : {}),
    logger: values.quiet ? false : jsonLineLogger,
  };
}

/**
 * `off`, `<perSecond>` (burst: 10 seconds' worth) or `<perSecond>,<burst>`.
 *
 * @example
 * parseRateLimit('20'); // { perSecond: 20, burst: 200 }
 */
export function parseRateLimit(text: string): ProfileRateLimit | false {
  if (text === 'off') return false;
  const match = /^(\d+(?:\.\d+)?)(?:,(\d+))?$/.exec(text);
  const perSecond = Number(match?.[1]);
  const burst = match?.[2] === undefined ? Math.max(1, Math.ceil(perSecond * 10)) : Number(match[2]);
  if (!match || !(perSecond > 0) || !(burst >= 1)) {
    throw new Error(
      `[ninetailed] invalid profile rate limit "${text}": expected "off", events per second (such as 100) or "<perSecond>,<burst>" (such as 100,1000)`,
    );
  }
  return { perSecond, burst };
}
