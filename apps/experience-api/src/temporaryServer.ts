import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, type ServerOptions, startServer } from './http/server';

/**
 * Starts the local Experience API for a test: on 127.0.0.1 and a free port, with a real SQLite
 * file in a new temporary folder that `close()` removes, and no request logs. Other options
 * (`config`, `now`, ...) pass through to `startServer`.
 *
 * @example
 * const api = await startTemporaryServer({ config });
 * // ... point the SDK at api.url, then read api.events()
 * await api.close(); // the database folder is gone
 */
export async function startTemporaryServer(
  options: Omit<ServerOptions, 'databaseFile'> = {},
): Promise<RunningServer & { databaseFile: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ninetailed-api-'));
  const databaseFile = join(dir, 'api.db');
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const server = await startServer({ port: 0, host: '127.0.0.1', logger: false, ...options, databaseFile });
    return {
      ...server,
      databaseFile,
      close: async () => {
        await server.close();
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}
