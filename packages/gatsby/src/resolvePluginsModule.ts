import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * Finds the file a `pluginsModule` option names: an absolute path or one relative to the
 * site root, with or without its extension (so `require.resolve(...)` and
 * `'./src/ninetailed-plugins'` both work). `undefined` when there is no such file.
 *
 * @example
 * resolvePluginsModule('./src/ninetailed-plugins', process.cwd()); // '/site/src/ninetailed-plugins.ts'
 */
export function resolvePluginsModule(modulePath: string, siteDirectory: string): string | undefined {
  const base = isAbsolute(modulePath) ? modulePath : resolve(siteDirectory, modulePath);
  const candidates = [
    ...EXTENSIONS.map((ext) => base + ext),
    ...EXTENSIONS.slice(1).map((ext) => join(base, `index${ext}`)),
  ];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile());
}
