import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchDouble, ok, okProfile, profile } from './serverFetchDouble';

const BROWSER_GLOBALS = [
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'navigator',
  'location',
  'self',
];
const src = (path: string) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));

const saved = new Map<string, PropertyDescriptor | undefined>();
afterEach(() => {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else delete (globalThis as Record<string, unknown>)[name];
  }
  saved.clear();
});

/** Makes every browser global a trap that records reads from this package's sources. */
function trapBrowserGlobals(): string[] {
  const touched: string[] = [];
  for (const name of BROWSER_GLOBALS) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        // Only our sources count: the test runner may look around on its own.
        if (/packages\/core\/src\//.test(new Error().stack ?? '')) touched.push(name);
        return undefined;
      },
    });
  }
  return touched;
}

/** What a bundler takes in from an entry, and its min+gzip size. */
async function bundle(entry: string) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs).map((path) => path.replace(/^.*?src\//, ''));
  return { inputs, gzip: gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length };
}

describe('the server entry', () => {
  it('loads and runs with no browser global, reading none', async () => {
    const touched = trapBrowserGlobals();
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    vi.resetModules();
    const server = await import('../../src/server/index');
    const api = fetchDouble()
      .next(okProfile('p1'))
      .next(okProfile('p1'))
      .next(ok({ profiles: [profile('user-0001')] }));
    const ninetailed = new server.NinetailedServer({ clientId: 'demo', fetch: api.fetch });
    const id = server.readProfileIdCookie('ntaid=p1-profile-id')!;
    await ninetailed.preflight({ profileId: id, context: { url: 'https://a.example/x?utm_source=y' } });
    await ninetailed.identify('crm-1', { plan: 'pro' }, { profileId: id });
    await ninetailed.batch([{ anonymousId: 'user-0001', type: 'track', event: 'renewed' }]);
    server.profileIdCookie(id);
    expect(touched).toEqual([]);
  });

  it('is not part of the browser entry (whose size it leaves alone), and takes none of the browser machinery', async () => {
    const browser = await bundle(src('index.ts'));
    const server = await bundle(src('server/index.ts'));
    expect(browser.inputs.filter((path) => path.startsWith('server/'))).toEqual([]);
    expect(server.inputs.filter((path) => path.startsWith('server/')).length).toBeGreaterThan(5);
    for (const machinery of [
      'Ninetailed.ts',
      'client.ts',
      'outbox.ts',
      'storage.ts',
      'scheduler.ts',
      'environment.ts',
    ]) {
      expect(server.inputs).not.toContain(machinery);
    }
    // The browser entry's names stay as they were: no server client among them.
    const names = Object.keys(await import('../../src/index'));
    expect(names.filter((name) => /Server|Cookie|requestContext/.test(name))).toEqual([]);
    console.log(`min+gzip: browser entry ${browser.gzip} B, server entry ${server.gzip} B`);
  });
});
