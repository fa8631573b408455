import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  NinetailedServer,
  type ProfileResponseData,
  readProfileIdCookie,
  requestContext,
} from '@ninetailed/experience.js/server';
import { renderToString } from 'react-dom/server';
import { HeroApp } from '../browser/heroApp';
import { oursHeroBinding } from '../browser/heroBindings';

/** The three ways the hero page is served. */
export type HeroVariant = 'ssr' | 'client' | 'v7';

/** The hero app's server. */
export interface HeroServer {
  url: string;
  /** URL of a variant's page; the app talks to `api`. */
  pageUrl(variant: HeroVariant): string;
  /** Server-side preflights that failed (the SSR page then rendered as client-only would). */
  failures: string[];
  close(): Promise<void>;
}

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const htmlPage = (title: string, body: string, script: string) =>
  '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
  `<title>${title}</title><link rel="icon" href="data:,">` +
  `<script src="/${script}.js" defer></script></head><body>${body}</body></html>`;

/**
 * Serves the hero app on 127.0.0.1 (another port than the API, as on a real site), three ways:
 * `/ssr`: the server reads the visitor's `ntaid` cookie, asks the API for a preflight profile of
 * the page (`NinetailedServer#preflight`: nothing stored), renders the app with `renderToString`
 * under `<NinetailedProvider initialProfile>` and embeds that profile for hydration (what the
 * Next helpers do, without Next); `/client`: an empty root, the same script renders in the
 * browser and the SDK fetches the profile; `/v7`: an empty root and v7's React binding. Every
 * page loads its script with `defer` from `<head>`, as a framework's build does.
 *
 * @example
 * ```ts
 * const hero = await startHeroServer(scripts, api.url);
 * await page.goto(hero.pageUrl('ssr'));
 * ```
 */
export async function startHeroServer(scripts: Map<string, string>, api: string): Promise<HeroServer> {
  const failures: string[] = [];
  const ninetailed = new NinetailedServer({
    clientId: 'demo',
    environment: 'main',
    url: api,
    retries: 0,
    onError: (error) => failures.push(error.message),
  });

  const ssr = async (req: IncomingMessage, pageUrl: string): Promise<string> => {
    const profileId = readProfileIdCookie(req.headers.cookie);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value);
    let initialProfile: ProfileResponseData | null = null;
    if (profileId) {
      try {
        const result = await ninetailed.preflight({
          profileId,
          context: requestContext({ url: pageUrl, headers }),
        });
        initialProfile = {
          profile: result.profile,
          experiences: result.experiences,
          changes: result.changes,
        };
      } catch {
        // onError heard it: the page renders as a static one would.
      }
    }
    const html = renderToString(
      <HeroApp
        binding={oursHeroBinding}
        providerProps={{ clientId: 'demo', environment: 'main', url: api, initialProfile }}
      />,
    );
    const embedded = initialProfile
      ? `<script type="application/json" id="nt-initial-profile">${escapeJson(initialProfile)}</script>`
      : '';
    return htmlPage('hero (ours, SSR)', `<div id="root">${html}</div>${embedded}`, 'heroOurs');
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    const script = /^\/(\w+)\.js$/.exec(url.pathname)?.[1];
    if (script && scripts.has(script)) return send(200, 'text/javascript', scripts.get(script)!);
    if (url.pathname === '/client')
      return send(200, 'text/html', htmlPage('hero (ours, client)', '<div id="root"></div>', 'heroOurs'));
    if (url.pathname === '/v7')
      return send(200, 'text/html', htmlPage('hero (v7)', '<div id="root"></div>', 'heroV7'));
    if (url.pathname === '/ssr') {
      ssr(req, `http://${req.headers.host}${req.url}`).then(
        (html) => send(200, 'text/html', html),
        (error: unknown) => send(500, 'text/plain', `[ninetailed] bench: SSR failed: ${String(error)}`),
      );
      return;
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    pageUrl: (variant) => `${base}/${variant}?${new URLSearchParams({ api })}`,
    failures,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
