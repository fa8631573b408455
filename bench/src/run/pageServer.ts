import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PageName } from './bundles';

/** A static server for the bench pages. */
export interface PageServer {
  /** Base URL, for example `http://127.0.0.1:41000`. */
  url: string;
  /** URL of a page: `query` (api, timeout, auto) becomes its query string. */
  pageUrl(name: PageName, query: Record<string, string | number>): string;
  close(): Promise<void>;
}

/**
 * Serves `/<name>.html` (an empty document that loads `/<name>.js`) and the scripts, on
 * 127.0.0.1: the app's origin, another port than the API, so requests are cross-origin as on
 * a real site.
 *
 * @example
 * ```ts
 * const pages = await startPageServer(await buildPages({ source: false }));
 * await page.goto(pages.pageUrl('ours', { api: proxy.url }));
 * ```
 */
export async function startPageServer(scripts: Map<PageName, string>): Promise<PageServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const match = /^\/(\w+)\.(html|js)$/.exec(path);
    const script = match ? scripts.get(match[1] as PageName) : undefined;
    if (!match || script === undefined) {
      res.writeHead(404).end();
      return;
    }
    if (match[2] === 'html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench ${match[1]}</title>` +
          `<link rel="icon" href="data:,"></head><body><script src="/${match[1]}.js"></script></body></html>`,
      );
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(script);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    pageUrl: (name, query) =>
      `${url}/${name}.html?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
