import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GatsbyNode } from 'gatsby';
import { resolvePluginsModule } from './resolvePluginsModule';

/** The module id gatsby-browser imports the site's plugins and callbacks from. */
export const RUNTIME_MODULE_ID = '@ninetailed/experience.js-gatsby/runtime';

/** This package's own `runtime` module (built `.mjs`, or `.ts` when run from source). */
function defaultRuntimeModule(): string {
  const here = fileURLToPath(import.meta.url);
  return join(dirname(here), here.endsWith('.ts') ? 'runtime.ts' : 'runtime.mjs');
}

/**
 * Points webpack's `@ninetailed/experience.js-gatsby/runtime` at the site's `pluginsModule`
 * (or at this package's empty default), so plugins and callbacks reach the browser as real
 * bundled code: never stringified, never rebuilt with `new Function`.
 *
 * @example
 * // plugin options: { clientId: 'demo', pluginsModule: './src/ninetailed-plugins.ts' }
 * // gatsby-browser then imports src/ninetailed-plugins.ts through the alias.
 */
export const onCreateWebpackConfig: NonNullable<GatsbyNode['onCreateWebpackConfig']> = (
  { actions, reporter, store },
  pluginOptions,
) => {
  const requested = pluginOptions.pluginsModule;
  let target = defaultRuntimeModule();
  if (typeof requested === 'string' && requested !== '') {
    const siteDirectory: string = store?.getState?.().program?.directory ?? process.cwd();
    const resolved = resolvePluginsModule(requested, siteDirectory);
    if (!resolved) {
      // pluginOptionsSchema already refuses this; kept for sites that skip validation.
      reporter.panicOnBuild(`[ninetailed] "pluginsModule" names no file: ${requested}`);
      return;
    }
    target = resolved;
  }
  actions.setWebpackConfig({ resolve: { alias: { [`${RUNTIME_MODULE_ID}$`]: target } } });
};
