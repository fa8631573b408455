import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError, quote } from '../domain/errors';

/** The built dashboard files the server serves under `/insights`, with their types. */
const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.js.map': 'application/json; charset=utf-8',
  'dashboard.js.LEGAL.txt': 'text/plain; charset=utf-8',
};

/**
 * Where `scripts/build-dashboard.mjs` put the page: `dist/dashboard` beside the bundled server
 * (`dist/*.mjs`), or, running from `src/http` (tests, `tsx`), the package's `dist/dashboard`.
 * `NINETAILED_DASHBOARD_DIR` overrides both.
 *
 * @example
 * dashboardDir(); // '/…/apps/experience-api/dist/dashboard'
 */
export function dashboardDir(): string | undefined {
  const override = process.env.NINETAILED_DASHBOARD_DIR;
  if (override) return override;
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, 'dashboard'), join(here, '..', '..', 'dist', 'dashboard')].find((dir) =>
    existsSync(join(dir, 'index.html')),
  );
}

/**
 * The answer to `GET /insights` (the page) or `GET /insights/<file>` (its script, source map
 * and licences): the file with its content type and `Cache-Control: no-store`, or 404 naming
 * the file (or telling how to build the page when it is not built).
 *
 * @example
 * const { body, contentType } = await dashboardAsset('index.html');
 */
export async function dashboardAsset(file: string): Promise<{ body: Buffer; contentType: string }> {
  const contentType = FILES[file];
  if (contentType === undefined) {
    throw new ApiError(404, 'ERR_NOT_FOUND', `no dashboard file ${quote(file)}`);
  }
  const dir = dashboardDir();
  if (dir === undefined) {
    throw new ApiError(
      404,
      'ERR_NOT_FOUND',
      '[ninetailed] the Insights dashboard is not built: run `pnpm --filter @ninetailed/experience-api build`',
    );
  }
  try {
    return { body: await readFile(join(dir, file)), contentType };
  } catch {
    throw new ApiError(404, 'ERR_NOT_FOUND', `no dashboard file ${quote(file)} in ${dir}`);
  }
}
