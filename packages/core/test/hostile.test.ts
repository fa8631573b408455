import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, Ninetailed, NinetailedError, NinetailedInputError } from '../src/index';
import { BASE, fetchDouble, NOW, networkError, okReply, rejected, setup, windowDouble } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  // No jitter: retries come after exactly 1 s, 2 s, ...
  vi.spyOn(Math, 'random').mockReturnValue(1);
});
afterEach(() => {
  vi.useRealTimers();
});

/** A storage that throws on every call, as a blocked `localStorage` does. */
const throwingStorage = () => {
  const fail = () => {
    throw new DOMException('denied', 'SecurityError');
  };
  return { getItem: vi.fn(fail), setItem: vi.fn(fail), removeItem: vi.fn(fail) };
};

/** Calls every public method; fails if any throws synchronously; returns the promises. */
const callEverything = (ninetailed: Ninetailed) => {
  const promises: Array<Promise<unknown>> = [];
  const call = (run: () => unknown) => {
    let result: unknown;
    expect(() => {
      result = run();
    }).not.toThrow();
    if (result instanceof Promise) promises.push(result.catch((error: unknown) => error));
  };
  call(() => ninetailed.page({ category: 'news' }));
  call(() => ninetailed.track('add_to_cart', { sku: 'a' }));
  call(() => ninetailed.identify('', { color: 'red' }));
  call(() => ninetailed.onProfileChange(() => {})());
  call(() => ninetailed.debug(true));
  call(() => ninetailed.debug(false));
  call(() => ninetailed.consent(true));
  call(() => ninetailed.flush());
  call(() => ninetailed.reset());
  return promises;
};

describe('no call throws synchronously, whatever the seams and the input', () => {
  it('storage that throws on every call: the constructor and every method work, from memory', async () => {
    const storage = throwingStorage();
    const api = fetchDouble();
    // The three events (one request, to the profile of before the reset), then one more page.
    api.ok('p1');
    api.ok('p2');
    let ninetailed!: Ninetailed;
    expect(() => {
      ninetailed = setup({ storage }, api).ninetailed;
    }).not.toThrow();
    const results = await Promise.all(callEverything(ninetailed));
    expect(results.filter((r) => r instanceof Error)).toEqual([]);
    await ninetailed.flush();
    expect(api.events().map((e) => e.type)).toEqual(['page', 'track', 'identify']);
    expect(storage.setItem).toHaveBeenCalled();
    // After the reset, a new profile: nothing was stored, and nothing broke.
    await ninetailed.page();
    expect(api.requests.at(-1)!.url).toBe(BASE);
  });

  it('a fetch that throws synchronously: the call is kept and retried after the backoff', async () => {
    let calls = 0;
    const fetch = vi.fn(() => {
      calls++;
      if (calls === 1) throw new TypeError('fetch is broken');
      return Promise.resolve(okReply('p1'));
    });
    const { ninetailed, onError } = setup({ fetch });
    let promise!: Promise<void>;
    expect(() => {
      promise = ninetailed.track('a');
    }).not.toThrow();
    await expect(promise).resolves.toEqual({ success: true });
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({
        code: 'ERR_NETWORK',
        message: '[ninetailed] request failed: TypeError: fetch is broken',
      }),
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    expect(ninetailed.profileState.status).toBe('success');
  });

  it('a fetch that rejects with something unprintable still backs off (no hot retry loop)', async () => {
    let calls = 0;
    const fetch = vi.fn(async () => {
      calls++;
      if (calls < 3) throw Object.create(null);
      return okReply('p1');
    });
    const { ninetailed, onError } = setup({ fetch });
    await ninetailed.track('a');
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'ERR_NETWORK', message: '[ninetailed] request failed: object' }),
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1 + 2000);
    expect(calls).toBe(3);
  });

  it('a Proxy as properties that throws on get: a typed error naming the argument, the rest untouched', async () => {
    const { api, ninetailed, onError } = setup();
    api.ok();
    const hostile = new Proxy(
      { a: 1 },
      {
        get() {
          throw new Error('no reading');
        },
      },
    );
    const calls: Array<Promise<{ success: boolean; error?: Error }>> = [];
    expect(() => {
      calls.push(ninetailed.page(hostile));
      calls.push(ninetailed.track('a', hostile));
      calls.push(ninetailed.identify('', hostile));
      calls.push(ninetailed.track('fine'));
    }).not.toThrow();
    const results = await Promise.allSettled(calls.map(rejected));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'fulfilled']);
    const reasons = results.slice(0, 3).map((r) => (r as PromiseRejectedResult).reason);
    for (const reason of reasons) expect(reason).toBeInstanceOf(NinetailedInputError);
    expect(reasons.map((r) => r.argument)).toEqual(['properties', 'properties', 'traits']);
    expect(reasons[0].message).toBe('[ninetailed] properties: cannot be written as JSON (Error: no reading)');
    expect(onError).toHaveBeenCalledTimes(3);
    expect(api.events().map((e) => e.event)).toEqual(['fine']);
  });

  it('input whose traps throw values that cannot be printed (a Symbol, a null-prototype object)', async () => {
    const { api, ninetailed, onError } = setup();
    api.ok();
    const throwing = (value: unknown) =>
      new Proxy(
        {},
        {
          getPrototypeOf() {
            throw value;
          },
          get() {
            throw value;
          },
        },
      );
    const getterThrows = {
      get bad() {
        throw Symbol('bad');
      },
    };
    const calls: Array<Promise<{ success: boolean; error?: Error }>> = [];
    expect(() => {
      calls.push(ninetailed.page(throwing(Object.create(null))));
      calls.push(ninetailed.track('x', throwing(Symbol('s'))));
      calls.push(ninetailed.identify('', getterThrows));
      calls.push(ninetailed.track('fine'));
    }).not.toThrow();
    const results = await Promise.allSettled(calls.map(rejected));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'fulfilled']);
    const reasons = results.slice(0, 3).map((r) => (r as PromiseRejectedResult).reason);
    for (const reason of reasons) expect(reason).toBeInstanceOf(NinetailedError);
    // The getter's Symbol is caught inside JSON writing: a typed input error naming the argument.
    expect(reasons[2]).toMatchObject({
      argument: 'traits',
      message: '[ninetailed] traits: cannot be written as JSON (Symbol(bad))',
    });
    expect(onError).toHaveBeenCalledTimes(3);
    expect(api.events().map((e) => e.event)).toEqual(['fine']);
  });

  it('a subscriber or a plugin that throws a Symbol is isolated and reported', async () => {
    const { api, ninetailed, onError } = setup({
      plugins: [
        {
          name: 'symbolic',
          onEvent() {
            throw Symbol('hook');
          },
          onDelivery() {
            throw Object.create(null);
          },
        },
      ],
    });
    api.ok('p1', 2);
    expect(() =>
      ninetailed.onProfileChange(() => {
        throw Symbol('subscriber');
      }),
    ).not.toThrow();
    await ninetailed.track('a');
    expect(() => ninetailed.reset()).not.toThrow();
    // Delivery went on after the throwing onDelivery: the next call is sent too.
    await ninetailed.track('b');
    expect(api.events().map((e) => e.event)).toEqual(['a', 'b']);
    const messages = onError.mock.calls.map(([error]) => error.message);
    expect(messages).toContain('[ninetailed] a profile subscriber threw: Symbol(subscriber)');
    expect(messages).toContain('[ninetailed] plugin "symbolic" threw: Symbol(hook)');
    expect(messages).toContain('[ninetailed] plugin "symbolic" threw: object');
  });

  it('a console that throws (debug on) and an onLog that throws break nothing', async () => {
    vi.spyOn(console, 'debug').mockImplementation(() => {
      throw new Error('console is broken');
    });
    vi.spyOn(console, 'error').mockImplementation(() => {
      throw new Error('console is broken');
    });
    const { api, ninetailed } = setup({
      debug: true,
      onLog: () => {
        throw new Error('logger is broken');
      },
    });
    api.ok();
    await expect(ninetailed.track('a')).resolves.toEqual({ success: true });
    await expect(rejected(ninetailed.track(''))).rejects.toBeInstanceOf(NinetailedInputError);
    expect(api.events().map((e) => e.event)).toEqual(['a']);
  });

  it('a location seam that throws: the call rejects, nothing is thrown', async () => {
    const { ninetailed, onError } = setup({
      location: {
        get href(): string {
          throw new Error('no location');
        },
      },
    });
    let promise!: Promise<{ success: boolean; error?: Error }>;
    expect(() => {
      promise = ninetailed.page();
    }).not.toThrow();
    await expect(rejected(promise)).rejects.toMatchObject({
      code: 'ERR_INTERNAL',
      message: '[ninetailed] Error: no location',
    });
    expect(onError).toHaveBeenCalledTimes(1);
  });
});

describe('construction (the React binding constructs during render)', () => {
  it('sends nothing synchronously, even with events pending from the last visit', async () => {
    const storage = memoryStorage();
    const first = setup({ storage });
    first.api.next(networkError);
    await first.ninetailed.track('pending');
    first.api.next(networkError);
    first.window.dispatch('pagehide'); // released for the next visit (its keepalive fails too)
    await vi.advanceTimersByTimeAsync(0);
    vi.clearAllTimers();

    const api = fetchDouble();
    api.ok('p1');
    const ninetailed = new Ninetailed({
      clientId: 'demo',
      fetch: api.fetch,
      storage,
      location: { href: 'https://a.example/' },
      window: windowDouble(),
    });
    expect(api.fetch).not.toHaveBeenCalled();
    // A microtask later, the adopted event leaves with its messageId.
    await ninetailed.flush();
    expect(api.events().map((e) => e.event)).toEqual(['pending']);
  });

  it('does not throw when storage throws (blocked storage, sandboxed iframe)', () => {
    const storage = throwingStorage();
    expect(
      () => new Ninetailed({ clientId: 'demo', storage, location: { href: 'https://a.example/' } }),
    ).not.toThrow();
    expect(storage.getItem).toHaveBeenCalled();
  });
});
