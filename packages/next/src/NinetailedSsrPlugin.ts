/**
 * v7's SSR plugin (it wrote the `ntaid` cookie). Not needed here: the browser SDK writes that
 * cookie itself (core option `profileCookie`, default on). Constructing it throws a
 * `[ninetailed]` error that says so, rather than a plugin that silently does nothing.
 *
 * @deprecated Remove it from `plugins`; server code reads the profile with
 * `getServerSideNinetailedProfile` / `getNinetailedProfile` from `@ninetailed/experience.js-next/server`.
 * @throws Error (`[ninetailed] NinetailedSsrPlugin ...`) when constructed.
 * @example
 * ```tsx
 * // v7: <NinetailedProvider clientId="demo" plugins={[new NinetailedSsrPlugin()]}>
 * // now: <NinetailedProvider clientId="demo">
 * ```
 */
export class NinetailedSsrPlugin {
  readonly name = 'ninetailed:ssr';
  constructor(_options?: { cookie?: { domain?: string; expires?: number } }) {
    throw new Error(
      '[ninetailed] NinetailedSsrPlugin is not needed: the browser SDK writes the ntaid cookie itself ' +
        '(option profileCookie, default on). Remove it from "plugins". To read the profile on the server use ' +
        'getServerSideNinetailedProfile (Pages Router) or getNinetailedProfile (App Router) from ' +
        '@ninetailed/experience.js-next/server.',
    );
  }
}
