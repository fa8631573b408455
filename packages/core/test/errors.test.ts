import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Ninetailed,
  NinetailedConfigError,
  NinetailedDeliveryError,
  NinetailedError,
  NinetailedInputError,
} from '../src/index';
import { MAX_EVENT_BYTES, MAX_NAME } from '../src/limits';
import { NOW, rejected, setup } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('configuration', () => {
  it.each([
    [{}, 'clientId'],
    [{ clientId: '' }, 'clientId'],
    [{ clientId: '  ' }, 'clientId'],
    [{ clientId: 42 }, 'clientId'],
    [{ clientId: 'demo', environment: '' }, 'environment'],
    [{ clientId: 'demo', url: 'ftp://x' }, 'url'],
    [{ clientId: 'demo', requestTimeout: 0 }, 'requestTimeout'],
    [{ clientId: 'demo', requestTimeout: Number.NaN }, 'requestTimeout'],
  ])('refuses %j naming %s', (options, option) => {
    let caught: unknown;
    try {
      new Ninetailed(options as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NinetailedConfigError);
    expect(caught).toBeInstanceOf(NinetailedError);
    expect(caught).toMatchObject({ name: 'NinetailedConfigError', code: 'ERR_CONFIG', option });
    expect((caught as Error).message).toMatch(new RegExp(`^\\[ninetailed\\] option "${option}" must be`));
  });

  it('defaults environment to main (also when undefined is passed), and exposes clientId/environment', () => {
    const { ninetailed } = setup({ environment: undefined });
    expect(ninetailed.clientId).toBe('demo');
    expect(ninetailed.environment).toBe('main');
  });

  it('accepts the v7 two-argument form', () => {
    const ninetailed = new Ninetailed(
      { clientId: 'demo', environment: 'dev' },
      { url: 'http://127.0.0.1:1' },
    );
    expect(ninetailed.environment).toBe('dev');
  });
});

const deep = (levels: number): Record<string, unknown> => {
  let node: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < levels; i++) node = { node };
  return node;
};

describe('bad input', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const cases: Array<[string, (n: Ninetailed) => Promise<void>, string, RegExp | string]> = [
    ['empty event name', (n) => n.track(''), 'event', /must be a non-empty name/],
    ['blank event name', (n) => n.track('  '), 'event', /non-empty/],
    ['non-string event', (n) => n.track(42 as never), 'event', /non-empty/],
    ['non-string uid', (n) => n.identify(42 as never, { a: 1 }), 'uid', /must be a string/],
    ['null uid', (n) => n.identify(null as never), 'uid', /must be a string/],
    ['array properties', (n) => n.page([1] as never), 'properties', /plain object/],
    ['class instance traits', (n) => n.identify('', new Map() as never), 'traits', /plain object/],
    ['function value', (n) => n.track('x', { f: () => 1 }), 'properties', /"f" holds function/],
    ['undefined value', (n) => n.page({ u: undefined }), 'properties', /"u" holds undefined/],
    ['symbol value', (n) => n.page({ s: Symbol('s') }), 'properties', /holds symbol/],
    ['bigint value', (n) => n.identify('', { b: 1n }), 'traits', /"b" holds bigint/],
    ['NaN', (n) => n.page({ n: Number.NaN }), 'properties', /"n" holds NaN/],
    ['Infinity deep', (n) => n.page({ a: [{ b: Infinity }] }), 'properties', /"b" holds Infinity/],
    ['nested Map', (n) => n.page({ m: new Map() }), 'properties', /"m" holds a class instance/],
    // biome-ignore lint/suspicious/noSparseArray: a hole is what this case is about
    ['sparse array', (n) => n.page({ list: [1, , 3] }), 'properties', /holds undefined/],
    ['cycle', (n) => n.identify('', cyclic), 'traits', /cannot be written as JSON/],
    ['lone surrogate', (n) => n.track('x', { s: 'a\ud800b' }), 'properties', /"s" holds a lone surrogate/],
    ['lone surrogate key', (n) => n.identify('', { '\udc00': 1 }), 'traits', /not valid Unicode/],
    ['too deep', (n) => n.page(deep(40)), 'properties', /nesting deeper than 32 levels/],
    ['page field not a string', (n) => n.page({ title: 42 }), 'properties', /"title" must be a string/],
    ['page field null', (n) => n.page({ url: null }), 'properties', /"url" must be a string/],
    [
      'page query not an object',
      (n) => n.page({ query: 'x=1' }),
      'properties',
      /"query" must be an object of strings/,
    ],
    [
      'page query with a number',
      (n) => n.page({ query: { page: 2 } }),
      'properties',
      /"query" must be an object of strings/,
    ],
    ['page query an array', (n) => n.page({ query: ['a'] }), 'properties', /"query" must be an object/],
    // The messages spell the limits out (cheaper in the bundle): these keep them in step.
    ['long event name', (n) => n.track('e'.repeat(MAX_NAME + 1)), 'event', `at most ${MAX_NAME} characters`],
    ['long alias', (n) => n.identify('u'.repeat(MAX_NAME + 1)), 'uid', `at most ${MAX_NAME} characters`],
    [
      'oversized',
      (n) => n.track('big', { blob: 'x'.repeat(MAX_EVENT_BYTES + 1000) }),
      'properties',
      `over the ${MAX_EVENT_BYTES} limit`,
    ],
  ];

  it.each(cases)(
    '%s rejects with a typed error, reports it, and sends nothing',
    async (_, call, argument, message) => {
      const { api, ninetailed, onError } = setup();
      api.ok();
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = call(ninetailed);
      }).not.toThrow();
      const result = (await promise) as { success: boolean; error?: Error };
      expect(result.success).toBe(false);
      const error = result.error;
      expect(error).toBeInstanceOf(NinetailedInputError);
      expect(error).toMatchObject({ code: 'ERR_INPUT', argument });
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message.startsWith(`[ninetailed] ${argument}:`)).toBe(true);
      expect(onError).toHaveBeenCalledWith(error);
      // Everything else is untouched: the next call goes through alone.
      await ninetailed.track('fine');
      expect(api.events().map((e) => e.event)).toEqual(['fine']);
    },
  );

  it('accepts nesting up to the limit', async () => {
    const { api, ninetailed } = setup();
    api.ok();
    await expect(ninetailed.page(deep(30))).resolves.toEqual({ success: true });
    expect(api.requests).toHaveLength(1);
  });

  it('keeps Dates as ISO strings and accepts null-prototype objects', async () => {
    const { api, ninetailed } = setup();
    api.ok();
    const bare = Object.assign(Object.create(null), { k: 'v' });
    await ninetailed.identify('', { signup: new Date(0), bare, nothing: null });
    expect(api.events()[0]!.traits).toEqual({
      signup: '1970-01-01T00:00:00.000Z',
      bare: { k: 'v' },
      nothing: null,
    });
  });

  it('refuses a __proto__ key (the API would refuse the whole request) without touching prototypes', async () => {
    const { api, ninetailed } = setup();
    api.ok();
    await expect(
      rejected(ninetailed.page(JSON.parse('{"a": {"__proto__": {"polluted": true}}}'))),
    ).rejects.toMatchObject({
      argument: 'properties',
      message: expect.stringContaining('__proto__'),
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await ninetailed.page();
    expect(api.requests).toHaveLength(1);
  });

  it('does not let one bad call disturb calls made in the same tick', async () => {
    const { api, ninetailed } = setup();
    api.ok();
    const results = await Promise.all([
      ninetailed.page(),
      ninetailed.track(''),
      ninetailed.identify('', { a: 1 }),
    ]);
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    expect(api.events().map((e) => e.type)).toEqual(['page', 'identify']);
  });
});

describe('delivery errors', () => {
  it('400 rejects every call of the request with the server’s message, and reports once', async () => {
    const { api, ninetailed, onError } = setup();
    api.next(() => ({
      ok: false,
      status: 400,
      json: async () => ({
        message: 'events[1].event: must be a string',
        data: {},
        error: { code: 'ERR_INVALID_DATA' },
      }),
    }));
    const results = await Promise.all([ninetailed.page(), ninetailed.track('a')]);
    expect(results.map((r) => r.success)).toEqual([false, false]);
    const reasons = results.map((r) => r.error);
    expect(reasons[0]).toBe(reasons[1]);
    expect(reasons[0]).toBeInstanceOf(NinetailedDeliveryError);
    expect(reasons[0]).toMatchObject({
      code: 'ERR_INVALID_DATA',
      status: 400,
      message: '[ninetailed] the Experience API answered 400: events[1].event: must be a string',
    });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(reasons[0]);
  });

  it('uses ERR_HTTP when the error answer is not JSON', async () => {
    const { api, ninetailed, onError } = setup();
    api.next(() => ({ ok: false, status: 502, json: async () => Promise.reject(new SyntaxError('html')) }));
    await ninetailed.page();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_HTTP', status: 502 }));
  });

  it('a throwing onError or onLog does not break the SDK', async () => {
    const { api, ninetailed } = setup({
      onError: () => {
        throw new Error('bad handler');
      },
      onLog: () => {
        throw new Error('bad logger');
      },
    });
    api.ok();
    await expect(rejected(ninetailed.track(''))).rejects.toBeInstanceOf(NinetailedInputError);
    await expect(ninetailed.track('ok')).resolves.toEqual({ success: true });
  });
});

describe('debug', () => {
  it('writes readable, prefixed logs to the console only while on', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { api, ninetailed, onLog } = setup();
    api.ok('p1', 2);
    await ninetailed.page();
    await ninetailed.track('').catch(() => {});
    expect(debug).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    // onLog hears warnings and errors even when debug is off.
    // v7's order: the message, its data, then the level (always last).
    expect(onLog).toHaveBeenCalledWith(
      expect.stringMatching(/^\[ninetailed\] event:/),
      expect.any(Error),
      'error',
    );
    ninetailed.debug(true);
    await ninetailed.page();
    expect(debug).toHaveBeenCalledWith('[ninetailed] page queued', expect.objectContaining({ type: 'page' }));
    expect(onLog).toHaveBeenCalledWith('[ninetailed] page queued', expect.anything(), 'debug');
    ninetailed.debug(false);
    debug.mockClear();
    await ninetailed.track('').catch(() => {});
    expect(debug).not.toHaveBeenCalled();
  });

  it('starts on with the debug option', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { ninetailed } = setup({ debug: true });
    await ninetailed.track('').catch(() => {});
    expect(error).toHaveBeenCalledWith(
      expect.stringMatching(/^\[ninetailed\] event: must be/),
      expect.any(Error),
    );
  });
});
