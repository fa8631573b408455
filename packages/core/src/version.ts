/**
 * The package name sent as `context.library.name`.
 *
 * @example
 * ```ts
 * import { LIBRARY_NAME } from '@ninetailed/experience.js';
 * LIBRARY_NAME; // '@ninetailed/experience.js'
 * ```
 */
export const LIBRARY_NAME = '@ninetailed/experience.js';

/**
 * The package version sent as `context.library.version` (kept equal to package.json by a test).
 *
 * @example
 * ```ts
 * import { LIBRARY_VERSION } from '@ninetailed/experience.js';
 * console.log(`SDK ${LIBRARY_VERSION}`);
 * ```
 */
export const LIBRARY_VERSION = '0.1.0';
