import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { ExperienceConfig } from '../src/config/config';
import type { RequestLogEntry } from '../src/http/log';
import { type RunningServer, type ServerOptions, startServer } from '../src/http/server';
import { postgresUrlFor, TEST_STORE } from './testDatabase';

/**
 * A server on 127.0.0.1 with a real SQLite file in its own temp dir (in the `postgres` vitest
 * project: a PostgreSQL schema standing for that file, see testDatabase.ts), plus a settable clock.
 */
export interface TestServer {
  server: RunningServer;
  url: string;
  dir: string;
  databaseFile: string;
  clock: { now: number };
  logs: RequestLogEntry[];
  base: string;
  /** POST JSON text (as `text/plain`, like browsers) to a path under the scope base. */
  post(path: string, body: unknown, init?: RequestInit): Promise<Answer>;
  get(path: string): Promise<Answer>;
}

/** An HTTP answer with its parsed JSON body. */
export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  body: any;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A temp dir removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'experience-api-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Registers work to run after the current test (servers to close, processes to kill). */
export function onCleanup(work: () => Promise<void> | void): void {
  cleanups.push(work);
}

/**
 * Starts a server for one test (closed afterwards). The clock starts at 2026-01-01 and only
 * moves when the test sets `clock.now`.
 */
export async function startTestServer(
  options: Partial<ServerOptions> & { config?: ExperienceConfig | string; dir?: string } = {},
): Promise<TestServer> {
  const dir = options.dir ?? tempDir();
  const databaseFile = options.databaseFile ?? join(dir, 'api.db');
  const clock = { now: Date.UTC(2026, 0, 1) };
  const logs: RequestLogEntry[] = [];
  const server = await startServer({
    port: 0,
    databaseFile,
    ...(TEST_STORE === 'postgres' ? { databaseUrl: await postgresUrlFor(databaseFile) } : {}),
    now: () => clock.now,
    logger: (entry) => logs.push(entry),
    ...options,
  });
  cleanups.push(() => server.close());
  const base = `${server.url}/v2/organizations/demo/environments/main`;
  return {
    server,
    url: server.url,
    dir,
    databaseFile,
    clock,
    logs,
    base,
    post: (path, body, init) =>
      request(`${base}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        ...init,
      }),
    get: (path) => request(`${base}${path}`),
  };
}

/** fetch + JSON parse of the answer (an empty body gives `undefined`). */
export async function request(url: string, init?: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

type EventFields = Record<string, unknown>;

const context = (path = '/', extra: EventFields = {}) => ({
  library: { name: '@ninetailed/experience.js', version: '0.1.0' },
  userAgent: 'vitest',
  locale: 'en-US',
  campaign: {},
  page: { url: `http://localhost:4310${path}`, path, search: '', query: {}, referrer: '' },
  gdpr: { isConsentGiven: true },
  ...extra,
});

/** An event as a test builds it: any fields, with `type` and `messageId` always set. */
export type TestEvent = { type: string; messageId: string; [key: string]: unknown };

const common = (type: string, fields: EventFields): TestEvent => ({
  type,
  channel: 'web',
  messageId: randomUUID(),
  originalTimestamp: '2026-01-01T00:00:00.000Z',
  timestamp: '2026-01-01T00:00:00.000Z',
  sentAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});

/** Events shaped as the SDK sends them (section 3 of experience-api.md). */
export const events = {
  page(path = '/', properties: EventFields = {}, fields: EventFields = {}) {
    return common('page', {
      context: context(path),
      properties: {
        url: `http://localhost:4310${path}`,
        path,
        search: '',
        query: {},
        referrer: '',
        title: `Page ${path}`,
        ...properties,
      },
      ...fields,
    });
  },
  track(event: string, properties: EventFields = {}, fields: EventFields = {}) {
    return common('track', { context: context(), event, properties, ...fields });
  },
  identify(userId: string, traits: EventFields = {}, fields: EventFields = {}) {
    return common('identify', { context: context(), userId, traits, ...fields });
  },
  component(fields: EventFields = {}) {
    return common('component', {
      context: context(),
      componentType: 'Entry',
      componentId: 'entry-1',
      experienceId: 'exp-1',
      variantIndex: 1,
      ...fields,
    });
  },
};

/** The shape every successful profile answer must have (section 4), checked field by field. */
export function expectProfileShape(profile: Record<string, unknown>): void {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  check(typeof profile.id === 'string' && profile.id !== '', 'id');
  check(typeof profile.stableId === 'string', 'stableId');
  check(typeof profile.random === 'number' && profile.random >= 0 && profile.random < 1, 'random');
  check(Array.isArray(profile.audiences), 'audiences');
  check(typeof profile.traits === 'object' && profile.traits !== null, 'traits');
  check(typeof profile.location === 'object' && profile.location !== null, 'location');
  const session = profile.session as Record<string, unknown>;
  check(typeof session?.id === 'string', 'session.id');
  check(typeof session?.isReturningVisitor === 'boolean', 'session.isReturningVisitor');
  check(typeof session?.count === 'number', 'session.count');
  check(typeof session?.activeSessionLength === 'number', 'session.activeSessionLength');
  check(typeof session?.averageSessionLength === 'number', 'session.averageSessionLength');
  const landing = session?.landingPage as Record<string, unknown>;
  for (const key of ['path', 'url', 'referrer', 'search'])
    check(typeof landing?.[key] === 'string', `landingPage.${key}`);
  check(typeof landing?.query === 'object', 'landingPage.query');
  if (problems.length > 0) throw new Error(`profile shape is wrong at: ${problems.join(', ')}`);
}

/** The inspection log of the demo scope. */
export async function inspect(url: string, all = false): Promise<Answer> {
  return request(`${url}/__local/events?organization=demo&environment=main${all ? '&all=1' : ''}`);
}
