import { Ninetailed, type NinetailedOptions } from '@ninetailed/experience.js-react';

let instance: Ninetailed | undefined;

/**
 * The one browser `Ninetailed` instance, shared by the provider that `wrapRootElement`
 * renders (also around Gatsby's separate Head root) and by `onRouteUpdate`. Created on
 * first use; later calls return it and ignore `options`.
 *
 * @example
 * const ninetailed = getBrowserNinetailed(() => ({ clientId: 'demo' }));
 */
export function getBrowserNinetailed(options: () => NinetailedOptions): Ninetailed {
  instance ??= new Ninetailed(options());
  return instance;
}
