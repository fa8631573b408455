/** The package name sent as `context.library.name`. */
export const LIBRARY_NAME = '@ninetailed/experience.js';
/** The package version sent as `context.library.version`. */
export const LIBRARY_VERSION = '0.1.0';
