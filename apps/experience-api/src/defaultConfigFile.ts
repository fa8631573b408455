import { fileURLToPath } from 'node:url';

/**
 * The configuration the server uses when none is given: the `demo` organisation. This file sits
 * at the root of `src/` so the relative path is the same from the sources and from `dist/`.
 *
 * @example
 * loadConfig(DEFAULT_CONFIG_FILE);
 */
export const DEFAULT_CONFIG_FILE = fileURLToPath(new URL('../config/demo.json', import.meta.url));
