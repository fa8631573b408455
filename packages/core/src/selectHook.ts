import type { Ninetailed } from './Ninetailed';
import type { OnSelectVariantArgs, OnSelectVariantCallbackArgs } from './onSelectVariant';

/**
 * Where the `onSelectVariant` function registers once an app imports it (`onSelectVariant.ts`):
 * v7's method `ninetailed.onSelectVariant` calls it through here, so an events-only bundle,
 * which never imports it, carries none of the selection code.
 *
 * @example
 * ```ts
 * selectHook.onSelectVariant?.(ninetailed, { baseline, experiences }, callback); // internal
 * ```
 */
export const selectHook: {
  onSelectVariant?: (
    ninetailed: Ninetailed,
    args: OnSelectVariantArgs,
    callback: (state: OnSelectVariantCallbackArgs) => void,
  ) => () => void;
} = {};
