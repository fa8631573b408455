/**
 * Where the SDK reads the page from. Every field defaults to the browser global; pass your
 * own to run outside a browser (tests, a webview, a server with a known URL).
 * Objects are read at each call, so a live `location` object stays current.
 *
 * @example
 * ```ts
 * new Ninetailed({
 *   clientId: 'demo',
 *   location: { href: 'https://shop.example/cart?utm_source=mail' },
 *   document: { title: 'Cart', referrer: '' },
 *   navigator: { userAgent: 'my-app/1.0', language: 'en-GB' },
 *   window: { addEventListener() {} }, // hear no page events
 * });
 * ```
 */
export interface NinetailedEnvironment {
  location?: { readonly href: string };
  /**
   * `visibilityState` tells a hidden page (events then leave with `keepalive`); `cookie`
   * carries the profile id (the `profileCookie` option).
   */
  document?: {
    readonly title: string;
    readonly referrer: string;
    readonly visibilityState?: string;
    cookie?: string;
  };
  navigator?: {
    readonly userAgent: string;
    readonly language?: string;
    readonly languages?: readonly string[];
  };
  /**
   * Where the SDK hears `pagehide`, `visibilitychange`, `online` and `storage` (other tabs).
   * Default `window`; without it those are not heard.
   */
  window?: { addEventListener(type: string, listener: () => void): void };
}

/**
 * The environment seams, filled from browser globals. Only `location` is sure to be there (a
 * server that knows its URL may have no document): readers use `?.` and defaults.
 */
export type PageEnvironment = NinetailedEnvironment & Required<Pick<NinetailedEnvironment, 'location'>>;

/** Fills missing environment seams from browser globals (none on the server). */
export function browserEnvironment(env: NinetailedEnvironment): PageEnvironment | null {
  const g = globalThis as NinetailedEnvironment & { window?: NinetailedEnvironment['window'] };
  const location = env.location ?? (typeof window === 'undefined' ? undefined : g.location);
  // Without a page to describe (server rendering), the SDK is a no-op.
  if (!location) return null;
  return {
    location,
    document: env.document ?? g.document,
    navigator: env.navigator ?? g.navigator,
    window: env.window ?? g.window,
  };
}
