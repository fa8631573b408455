import { readFileSync } from 'node:fs';
import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as server from '../../src/server/index';

// The README's server example is real code: it is cut out of the README, compiled, and run
// against the local Experience API.
interface RunningServer {
  url: string;
  events(): Promise<Array<{ profileId: string; event: Record<string, unknown> }>>;
  close(): Promise<void>;
}
const API_PACKAGE = '@ninetailed/experience-api';
const { startTemporaryServer } = (await import(API_PACKAGE)) as {
  startTemporaryServer: () => Promise<RunningServer>;
};

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const block = /<!-- runs in test\/server\/readme\.test\.ts -->\s*```ts\n([\s\S]*?)```/.exec(readme)?.[1];

let api: RunningServer;
let example: {
  POST(request: Request): Promise<Response>;
  personalize(request: Request): Promise<server.ServerProfileResult>;
  syncPlans(customers: Array<{ id: string; plan: string }>): Promise<server.Profile[]>;
};
beforeAll(async () => {
  api = await startTemporaryServer();
  const { code } = await transform(block!, { loader: 'ts', format: 'cjs' });
  const module = { exports: {} };
  const require = (name: string) => {
    if (name !== '@ninetailed/experience.js/server') throw new Error(`the example imports ${name}`);
    return server;
  };
  new Function('require', 'module', 'exports', 'process', code)(require, module, module.exports, {
    env: { NINETAILED_API_URL: api.url },
  });
  example = module.exports as typeof example;
});
afterAll(async () => {
  await api?.close();
});

describe('README server example', () => {
  it('route handler: a new visitor gets a cookie; a returning one keeps the same profile', async () => {
    const first = await example.POST(new Request('http://127.0.0.1/signup', { method: 'POST' }));
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^ntaid=[0-9a-f-]{36}; Path=\/; Max-Age=63072000; SameSite=Lax$/);
    const id = server.readProfileIdCookie(cookie.split(';')[0]!);
    const again = await example.POST(
      new Request('http://127.0.0.1/signup', { method: 'POST', headers: { cookie: cookie.split(';')[0]! } }),
    );
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.json()).toEqual({ audiences: expect.any(Array) });
    expect((await api.events()).map((e) => [e.profileId, e.event.event])).toEqual([
      [id, 'signup'],
      [id, 'signup'],
    ]);
  });

  it('personalize: a preflight for the request, nothing stored', async () => {
    const before = (await api.events()).length;
    const { experiences } = await example.personalize(new Request('http://127.0.0.1/news/1'));
    expect(experiences.map((e) => e.experienceId)).toContain('cta-test');
    expect((await api.events()).length).toBe(before);
  });

  it('syncPlans: one profile per customer', async () => {
    const profiles = await example.syncPlans([
      { id: 'customer-0001', plan: 'pro' },
      { id: 'customer-0002', plan: 'free' },
    ]);
    expect(profiles.map((p) => [p.id, p.traits])).toEqual([
      ['customer-0001', { plan: 'pro' }],
      ['customer-0002', { plan: 'free' }],
    ]);
  });
});
