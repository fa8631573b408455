/**
 * Where the example sends events. In order of precedence:
 *
 * 1. `window.__NINETAILED_EXAMPLE_CONFIG__ = { url, clientId }`, set before the app starts
 *    (the Playwright tests do it with `page.addInitScript`, so one build serves every test,
 *    each against its own Experience API on a free port);
 * 2. `VITE_NINETAILED_URL` / `VITE_NINETAILED_CLIENT_ID`, read at build (or dev) time;
 * 3. the local Experience API defaults: `http://127.0.0.1:3030`, client id `demo`.
 */
export interface ExampleConfig {
  url: string;
  clientId: string;
  environment: string;
}

declare global {
  interface Window {
    __NINETAILED_EXAMPLE_CONFIG__?: Partial<ExampleConfig>;
  }
}

export function readConfig(): ExampleConfig {
  const runtime = typeof window === 'undefined' ? undefined : window.__NINETAILED_EXAMPLE_CONFIG__;
  return {
    url: runtime?.url || import.meta.env.VITE_NINETAILED_URL || 'http://127.0.0.1:3030',
    clientId: runtime?.clientId || import.meta.env.VITE_NINETAILED_CLIENT_ID || 'demo',
    environment: runtime?.environment || import.meta.env.VITE_NINETAILED_ENVIRONMENT || 'main',
  };
}
