/**
 * v7's route tracker component. Not needed: the plugin sends one page event per route update
 * by itself. Rendering it throws a `[ninetailed]` error that says so (a tracker rendered next
 * to the plugin's would otherwise mean two page events per route).
 *
 * @deprecated Remove it; to change what a route sends, export `onRouteChange` (v7's form
 * `(routeInfo, ninetailed) => …` works) from the module named by the `pluginsModule` option.
 * @throws Error (`[ninetailed] Tracker ...`) when rendered.
 * @example
 * ```tsx
 * // v7: <Tracker onRouteChange={...} />
 * // now: export default { onRouteChange: (routeInfo, ninetailed) => ... } in the pluginsModule
 * ```
 */
export function Tracker(_props: { onRouteChange?: unknown }): null {
  throw new Error(
    '[ninetailed] Tracker is not needed: @ninetailed/experience.js-gatsby sends one page event per route ' +
      'update by itself. Remove <Tracker>; to change what a route sends, export onRouteChange from the module ' +
      'named by the "pluginsModule" option.',
  );
}
