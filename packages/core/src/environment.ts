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
 * });
 * ```
 */
export interface NinetailedEnvironment {
  location?: { readonly href: string };
  document?: { readonly title: string; readonly referrer: string };
  navigator?: {
    readonly userAgent: string;
    readonly language?: string;
    readonly languages?: readonly string[];
  };
}

/** Fills missing environment seams from browser globals (none on the server). */
export function browserEnvironment(env: NinetailedEnvironment): Required<NinetailedEnvironment> | null {
  const g = globalThis as { location?: { href: string }; document?: NinetailedEnvironment['document'] };
  const location = env.location ?? (typeof window === 'undefined' ? undefined : g.location);
  // Without a page to describe (server rendering), the SDK is a no-op.
  if (!location) return null;
  return {
    location,
    document: env.document ?? g.document ?? { title: '', referrer: '' },
    navigator: env.navigator ?? globalThis.navigator ?? { userAgent: '' },
  };
}
