import { NinetailedProvider } from '@ninetailed/experience.js-react';
import type { GatsbySSR } from 'gatsby';
import { toNinetailedOptions } from './toNinetailedOptions';

/**
 * Renders `NinetailedProvider` on the server around every page, so components that call
 * `useNinetailed()` / `useProfile()` render in `gatsby build`. Touches no `window`: the
 * provider makes a server instance whose calls are no-ops, and the `pluginsModule`
 * (browser code) is not imported here.
 *
 * @example
 * // Gatsby calls it for every page it renders to HTML.
 */
export const wrapRootElement: NonNullable<GatsbySSR['wrapRootElement']> = ({ element }, pluginOptions) => (
  <NinetailedProvider {...toNinetailedOptions(pluginOptions)}>{element}</NinetailedProvider>
);
