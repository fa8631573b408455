import { expect, onTestFinished, vi } from 'vitest';
import type {
  FetchLike,
  NinetailedOptions,
  NinetailedStorage,
  NinetailedTimers,
  Profile,
  ProfileResponseData,
} from '../src/index';
import { memoryStorage, Ninetailed } from '../src/index';

export const BASE = 'https://experience.ninetailed.co/v2/organizations/demo/environments/main/profiles';
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const NOW = Date.parse('2025-03-01T12:00:00.000Z');

export interface SentRequest {
  url: string;
  init: Parameters<FetchLike>[1];
  body: { events: Array<Record<string, unknown>>; options: Record<string, unknown> };
}
type Reply = {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  headers?: { get(name: string): string | null };
};
type Handler = (request: SentRequest) => Reply | Promise<Reply>;

/** A full profile as the API returns it. */
export function profile(id: string, extra: Partial<Profile> = {}): Profile {
  return {
    id,
    stableId: `stable-${id}`,
    random: 0.5,
    audiences: [],
    traits: {},
    location: {},
    session: {
      id: 's1',
      isReturningVisitor: false,
      landingPage: { path: '/', url: 'https://a.example/', query: {}, referrer: '', search: '' },
      count: 1,
      activeSessionLength: 0,
      averageSessionLength: 0,
    },
    ...extra,
  };
}

export function okReply(
  id: string,
  extra: Omit<Partial<ProfileResponseData>, 'profile'> & { profile?: Partial<Profile> } = {},
): Reply {
  const data = { experiences: [], changes: [], ...extra, profile: profile(id, extra.profile) };
  return { ok: true, status: 200, json: async () => ({ data, message: 'ok', error: null }) };
}

export function errorReply(status: number, code: string, retryAfter?: string): Reply {
  return {
    ok: false,
    status,
    json: async () => ({ message: `failed: ${code}`, data: {}, error: { code } }),
    headers: { get: (name) => (name.toLowerCase() === 'retry-after' ? (retryAfter ?? null) : null) },
  };
}

/** What a network failure looks like from `fetch`. */
export function networkError(): never {
  throw new TypeError('Failed to fetch');
}

/**
 * A window double: records listeners and dispatches events to them (`pagehide`,
 * `visibilitychange`, `online`, `storage`).
 */
export function windowDouble() {
  const listeners = new Map<string, Array<() => void>>();
  return {
    addEventListener(type: string, listener: () => void) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
    dispatch(type: string) {
      for (const listener of listeners.get(type) ?? []) listener();
    },
    listeners,
  };
}

/**
 * Timers of one page over the (fake) global ones; `kill()` stops them all for good, as when the
 * page crashes or closes while other pages live on.
 */
export function pageTimers() {
  const live = new Set<ReturnType<typeof setTimeout>>();
  let dead = false;
  const timers: NinetailedTimers = {
    now: () => Date.now(),
    setTimeout(fn, ms) {
      if (dead) return 0;
      const id = setTimeout(() => {
        live.delete(id);
        fn();
      }, ms);
      live.add(id);
      return id;
    },
    clearTimeout(id) {
      clearTimeout(id as ReturnType<typeof setTimeout>);
      live.delete(id as ReturnType<typeof setTimeout>);
    },
  };
  return {
    timers,
    kill() {
      dead = true;
      for (const id of live) clearTimeout(id);
    },
  };
}

/**
 * One `localStorage` shared by several tabs: a write in one tab fires `storage` in the others
 * (a task later, as in browsers; here a microtask later), never in the writer.
 */
export function sharedStorage() {
  const map = new Map<string, string>();
  const windows: Array<ReturnType<typeof windowDouble>> = [];
  const views: NinetailedStorage[] = [];
  return {
    map,
    /** A tab's view of the storage and its window double. */
    tab() {
      const window = windowDouble();
      const notify = () => {
        for (const other of windows) if (other !== window) queueMicrotask(() => other.dispatch('storage'));
      };
      const storage: NinetailedStorage = {
        getItem: (key) => map.get(key) ?? null,
        setItem(key, value) {
          const before = map.get(key);
          map.set(key, value);
          if (before !== value) notify();
        },
        removeItem(key) {
          if (map.delete(key)) notify();
        },
      };
      windows.push(window);
      views.push(storage);
      return { storage, window };
    },
  };
}

/**
 * A fetch double: each request takes the next handler in line; a request with no handler waiting
 * fails the test (checked after each test too, in case the SDK swallowed the rejection).
 */
export function fetchDouble() {
  const requests: SentRequest[] = [];
  const handlers: Handler[] = [];
  const unexpected: string[] = [];
  const fetch = vi.fn<FetchLike>(async (url, init) => {
    const request: SentRequest = { url, init, body: JSON.parse(init.body) };
    requests.push(request);
    const handler = handlers.shift();
    if (!handler) {
      unexpected.push(`${url} ${init.body}`);
      throw new Error(`unexpected request to ${url}`);
    }
    return handler(request);
  });
  onTestFinished(() => {
    expect(unexpected, 'unexpected requests').toEqual([]);
    expect(handlers.length, 'expected requests that never came').toBe(0);
  });
  return {
    fetch,
    requests,
    /** Queues handlers for the next requests, in order. */
    next(...more: Handler[]) {
      handlers.push(...more);
    },
    /** Queues `n` successful replies for profile `id`. */
    ok(id = 'p1', n = 1) {
      for (let i = 0; i < n; i++) handlers.push(() => okReply(id));
    },
    /** Queues a reply that waits until `release` is called. */
    hold(reply: Reply = okReply('p1')) {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      handlers.push(async () => {
        await gate;
        return reply;
      });
      return { release: () => release() };
    },
    /** The events of every request so far, flattened. */
    events() {
      return requests.flatMap((request) => request.body.events);
    },
  };
}

/**
 * A Ninetailed instance with every seam injected; `location` and `document` are live (edit them
 * to navigate or hide the page), `window` dispatches page events.
 */
export function setup(options: Partial<NinetailedOptions> = {}, api = fetchDouble()) {
  const storage = memoryStorage();
  const location = { href: 'https://a.example/blog/post?x=1' };
  const document = { title: 'Post', referrer: 'https://ref.example/', visibilityState: 'visible' };
  const window = windowDouble();
  const navigator = { userAgent: 'test-agent/1.0', languages: ['de-DE', 'en'] };
  const onError = vi.fn<(error: Error) => void>();
  const onLog = vi.fn<NonNullable<NinetailedOptions['onLog']>>();
  const ninetailed = new Ninetailed({
    clientId: 'demo',
    fetch: api.fetch,
    storage,
    location,
    document,
    navigator,
    window,
    onError,
    onLog,
    ...options,
  });
  return {
    api,
    storage: options.storage ?? storage,
    location,
    document,
    navigator,
    window: (options.window as typeof window | undefined) ?? window,
    onError,
    onLog,
    ninetailed,
  };
}

/** Lets queued microtasks (and the fetch double's async replies) run. */
/**
 * A call's `FlushResult` as a promise that rejects with its `error` (and resolves on success),
 * so `expect(rejected(call)).rejects…` reads as the failure. The call itself never rejects.
 */
export function rejected(call: Promise<{ success: boolean; error?: Error }>): Promise<unknown> {
  return call.then((result) => {
    if (!result.success) throw result.error;
    return result;
  });
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
