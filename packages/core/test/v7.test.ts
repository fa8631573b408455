import { NinetailedInsightsPlugin } from 'v7-plugin-insights';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ChangesState,
  memoryStorage,
  Ninetailed,
  NinetailedConfigError,
  NinetailedDeliveryError,
  NinetailedInputError,
  type NinetailedPlugin,
} from '../src/index';
import { viewHook } from '../src/viewHook';
import { BASE, errorReply, fetchDouble, NOW, okReply, setup } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('v7: FlushResult', () => {
  it('page, track, identify and batch resolve { success: true } once delivered', async () => {
    const { api, ninetailed } = setup();
    api.ok();
    const results = await Promise.all([
      ninetailed.page(),
      ninetailed.track('a'),
      ninetailed.identify('', { a: 1 }),
    ]);
    expect(results).toEqual([{ success: true }, { success: true }, { success: true }]);
    api.ok();
    await expect(
      ninetailed.batch([{ type: 'page' }, { type: 'track', event: 'b' }, { type: 'identify', userId: 'u1' }]),
    ).resolves.toEqual({ success: true });
    expect(api.events().map((e) => e.type)).toEqual([
      'page',
      'track',
      'identify',
      'page',
      'track',
      'identify',
    ]);
  });

  it('bad input resolves { success: false, error } (never rejects) and still reaches onError', async () => {
    const { api, ninetailed, onError } = setup();
    const result = await ninetailed.track('');
    expect(result.success).toBe(false);
    expect(result.error).toBeInstanceOf(NinetailedInputError);
    expect(result.error?.message).toMatch(/^\[ninetailed\] event:/);
    expect(onError).toHaveBeenCalledWith(result.error);
    expect(api.requests).toHaveLength(0);
  });

  it('a 400 resolves every call of the request with the delivery error', async () => {
    const { api, ninetailed } = setup();
    api.next(() => errorReply(400, 'ERR_INVALID_DATA'));
    const results = await Promise.all([ninetailed.page(), ninetailed.track('a')]);
    expect(results[0]).toEqual({ success: false, error: expect.any(NinetailedDeliveryError) });
    const [first, second] = results.map((result) => result.error);
    expect(second).toBe(first);
  });

  it('batch reports the first failure, and refuses an unknown event type by name', async () => {
    const { api, ninetailed } = setup();
    api.ok();
    const result = await ninetailed.batch([{ type: 'track', event: 'ok' }, { type: 'screen' }]);
    expect(result.success).toBe(false);
    expect(result.error).toMatchObject({ argument: 'events', message: expect.stringContaining('screen') });
    expect(api.events().map((e) => e.event)).toEqual(['ok']);
  });
});

describe('v7: per-call plugin options', () => {
  const spy = (name: string, seen: string[]): NinetailedPlugin => ({
    name,
    onEvent: (event) => {
      seen.push(`${name}:${event.type === 'track' ? event.event : event.type}`);
    },
  });

  it('`all: false` silences every plugin, a named `true` wins over `all`', async () => {
    const seen: string[] = [];
    const { api, ninetailed } = setup({ plugins: [spy('gtm', seen), spy('other', seen)] });
    api.ok();
    await Promise.all([
      ninetailed.track('none', {}, { plugins: { all: false } }),
      ninetailed.track('only-gtm', {}, { plugins: { all: false, gtm: true } }),
      ninetailed.track('not-other', {}, { plugins: { all: true, other: false } }),
      ninetailed.track('default'),
    ]);
    expect(seen).toEqual(['gtm:only-gtm', 'gtm:not-other', 'gtm:default', 'other:default']);
    // Silenced plugins do not stop the event itself.
    expect(api.events().map((e) => e.event)).toEqual(['none', 'only-gtm', 'not-other', 'default']);
  });
});

describe('v7: options', () => {
  it('reads a v7 NinetailedApiClient-like first argument (clientId, environment, url, fetchImpl)', async () => {
    const api = fetchDouble();
    api.ok();
    const client = {
      clientId: 'demo',
      environment: 'staging',
      url: 'https://proxy.example/nt',
      fetchImpl: api.fetch,
      upsertProfile: () => {},
    };
    const { ninetailed } = setup({ fetch: undefined }, api);
    void ninetailed;
    const v7 = new Ninetailed(client, {
      storageImpl: memoryStorage(),
      location: { href: 'https://a.example/' },
      document: { title: 'A', referrer: '' },
      window: { addEventListener() {} },
    });
    expect(v7.environment).toBe('staging');
    await v7.page();
    expect(api.requests[0]!.url).toBe(
      'https://proxy.example/nt/v2/organizations/demo/environments/staging/profiles',
    );
  });

  it('flattens nested plugin arrays and exposes them as `plugins`', () => {
    const a = { name: 'a' };
    const b = { name: 'b' };
    const c = { name: 'c' };
    const { ninetailed } = setup({ plugins: [a, [b, c]] });
    expect(ninetailed.plugins.map((p) => p.name)).toEqual(['a', 'b', 'c']);
  });

  it('refuses a real v7 plugin at construction, naming it and the replacement', () => {
    const plugin = new NinetailedInsightsPlugin();
    let error: unknown;
    try {
      setup({ plugins: [plugin as never] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NinetailedConfigError);
    expect(error).toMatchObject({ option: 'plugins' });
    expect((error as Error).message).toMatch(/^\[ninetailed\] "ninetailed:insights" is a v7 plugin/);
    expect((error as Error).message).toContain('use instead: option `insights`');
  });

  it('refuses analytics-style v7 plugins (GTM, GA4) with the generic replacement', () => {
    const gtm = { name: 'ninetailed:google-tagmanager', track: () => {} };
    expect(() => setup({ plugins: [[gtm as never]] })).toThrow(
      /"ninetailed:google-tagmanager" is a v7 plugin.*use instead: a NinetailedPlugin/,
    );
  });

  it('merges buildClientContext() over each event context', async () => {
    const { api, ninetailed } = setup({ buildClientContext: () => ({ app: { name: 'shop' } }) });
    api.ok();
    await ninetailed.track('a');
    expect(api.events()[0]!.context).toMatchObject({ app: { name: 'shop' }, userAgent: 'test-agent/1.0' });
  });

  it('onInitProfileId: a returned id becomes the profile id', async () => {
    const onInitProfileId = vi.fn((id?: string) => (id ? undefined : 'from-app'));
    const { api, ninetailed } = setup({ onInitProfileId });
    api.ok('from-app');
    await ninetailed.page();
    expect(onInitProfileId).toHaveBeenCalledWith(undefined);
    expect(api.requests[0]!.url).toBe(`${BASE}/from-app`);
  });

  it('onInitProfileId: delivery waits for a promise', async () => {
    let answer!: (id: string) => void;
    const { api, ninetailed } = setup({
      onInitProfileId: () =>
        new Promise<string>((resolve) => {
          answer = resolve;
        }),
    });
    api.next(() => okReply('later'));
    const call = ninetailed.track('a');
    await vi.advanceTimersByTimeAsync(100);
    expect(api.requests).toHaveLength(0);
    answer('later');
    await expect(call).resolves.toEqual({ success: true });
    expect(api.requests[0]!.url).toBe(`${BASE}/later`);
  });

  it('preview and useSDKEvaluation are ignored loudly (console even with debug off, and onLog)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { onLog } = setup({ preview: true, useSDKEvaluation: true });
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^\[ninetailed\] option "preview" \(v7\) is ignored/),
    );
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/option "useSDKEvaluation"/));
    expect(onLog).toHaveBeenCalledWith(expect.stringContaining('"preview"'), 'warn');
  });
});

describe('v7: logging', () => {
  it('a v7 onLog(message, ...args) handler gets the message first, then the data, the level last', async () => {
    const lines: unknown[][] = [];
    const { ninetailed } = setup({ onLog: (message, ...args) => lines.push([message, ...args]) });
    await ninetailed.track('');
    expect(lines[0]).toEqual([
      expect.stringMatching(/^\[ninetailed\] event:/),
      expect.any(NinetailedInputError),
      'error',
    ]);
  });

  it('a v7 onError(message, ...args) handler gets the error first', async () => {
    const calls: unknown[][] = [];
    const { ninetailed } = setup({
      onError: (message: string | Error, ...args: unknown[]) => calls.push([message, ...args]),
    });
    await ninetailed.identify(42 as never);
    expect(calls).toEqual([[expect.any(NinetailedInputError)]]);
  });

  it('logger has v7 methods, prefixes, and goes to onLog (console only while debug is on)', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { ninetailed, onLog } = setup();
    const cause = new Error('boom');
    ninetailed.logger.error('widget failed', cause);
    ninetailed.logger.debug('quiet');
    expect(onLog).toHaveBeenCalledWith('[ninetailed] widget failed', cause, 'error');
    expect(onLog).not.toHaveBeenCalledWith('[ninetailed] quiet', 'debug');
    expect(error).not.toHaveBeenCalled();
    ninetailed.debug(true);
    ninetailed.logger.warn('[ninetailed] already prefixed');
    expect(onLog).toHaveBeenCalledWith('[ninetailed] already prefixed', 'warn');
  });
});

describe('v7: instance members', () => {
  it('onIsInitialized calls back once, a microtask later; a throwing callback is reported', async () => {
    const { ninetailed, onError } = setup();
    const ready = vi.fn();
    ninetailed.onIsInitialized(ready);
    expect(ready).not.toHaveBeenCalled();
    ninetailed.onIsInitialized(() => {
      throw new Error('bad');
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(ready).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_SUBSCRIBER' }));
  });

  it('onChangesChange publishes v7 ChangesState', async () => {
    const { api, ninetailed } = setup();
    const states: ChangesState[] = [];
    ninetailed.onChangesChange((state) => states.push(state));
    api.ok();
    await ninetailed.page();
    expect(states).toEqual([
      { status: 'loading', changes: null, error: null },
      { status: 'success', changes: [], error: null },
    ]);
  });

  it('trackStickyComponentView sends a component event; bad input resolves a failure', async () => {
    const { api, ninetailed } = setup();
    api.ok();
    await expect(
      ninetailed.trackStickyComponentView({ experienceId: 'exp', componentId: 'c1', variantIndex: 1 }),
    ).resolves.toEqual({ success: true });
    expect(api.events()[0]).toMatchObject({
      type: 'component',
      componentType: 'Entry',
      experienceId: 'exp',
      componentId: 'c1',
      variantIndex: 1,
    });
    const bad = await ninetailed.trackStickyComponentView({
      experienceId: '',
      componentId: 'c1',
      variantIndex: 1,
    });
    expect(bad.error).toBeInstanceOf(NinetailedInputError);
    expect(bad.error?.message).toContain('experienceId');
  });

  it('trackComponentView tells the plugins, and sends sticky views', async () => {
    const views: unknown[] = [];
    const { api, ninetailed } = setup({
      plugins: [{ name: 'v', onComponentView: (view) => views.push(view) }],
    });
    await ninetailed.trackComponentView({
      experienceId: 'e',
      variantIndex: 0,
      componentId: 'c',
      componentType: 'Entry',
    });
    expect(api.requests).toHaveLength(0);
    api.ok();
    await ninetailed.trackComponentView({
      experienceId: 'e',
      variantIndex: 1,
      componentId: 'c',
      componentType: 'Entry',
      sticky: true,
    });
    expect(views).toEqual([
      expect.objectContaining({ experienceId: 'e', variantIndex: 0, viewId: expect.any(String) }),
      expect.objectContaining({ variantIndex: 1, sticky: true }),
    ]);
    expect(api.events().map((e) => e.type)).toEqual(['component']);
  });
});

describe('v7: observeElement / unobserveElement methods', () => {
  it('delegate to the view tracking functions, reading v7 payload fields', () => {
    const observe = vi.spyOn(viewHook, 'observe');
    const unobserve = vi.spyOn(viewHook, 'unobserve');
    observe.mockImplementation(() => () => {});
    unobserve.mockImplementation(() => {});
    const { ninetailed } = setup();
    const element = {} as Element;
    ninetailed.observeElement({
      element,
      experience: { id: 'exp', sticky: true },
      variant: { id: 'entry-1' },
      variantIndex: 1,
    });
    expect(observe).toHaveBeenCalledWith(ninetailed, element, {
      experienceId: 'exp',
      componentId: 'entry-1',
      componentType: 'Entry',
      sticky: true,
      variantIndex: 1,
    });
    ninetailed.unobserveElement(element);
    expect(unobserve).toHaveBeenCalledWith(ninetailed, element);
  });

  it('say what to import when the functions are not in the bundle', () => {
    const saved = { ...viewHook };
    viewHook.observe = undefined;
    viewHook.unobserve = undefined;
    try {
      const { ninetailed, onError } = setup();
      ninetailed.observeElement({ element: {} as Element, variantIndex: 0, componentId: 'c' });
      ninetailed.unobserveElement({} as Element);
      expect(onError).toHaveBeenCalledTimes(2);
      expect(onError.mock.calls[0]![0]).toMatchObject({
        code: 'ERR_NOT_LOADED',
        message: expect.stringContaining("import { observeElement } from '@ninetailed/experience.js'"),
      });
    } finally {
      Object.assign(viewHook, saved);
    }
  });
});
