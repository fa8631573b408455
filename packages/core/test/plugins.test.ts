import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryReport, NinetailedPlugin, ProfileState } from '../src/index';
import { errorReply, NOW, setup } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('plugins', () => {
  it('enrich events in order, each seeing the previous result', async () => {
    const seen: string[] = [];
    const first: NinetailedPlugin = {
      name: 'first',
      onEvent: (event) =>
        event.type === 'track' ? { ...event, properties: { ...event.properties, plan: 'pro' } } : event,
    };
    const second: NinetailedPlugin = {
      name: 'second',
      onEvent(event) {
        seen.push(JSON.stringify(event.type === 'track' ? event.properties : null));
        // Returning nothing keeps the (edited) copy.
        if (event.type === 'track') event.properties.edited = true;
      },
    };
    const { api, ninetailed } = setup({ plugins: [first, second] });
    api.ok();
    await ninetailed.track('buy', { sku: 'a' });
    expect(seen).toEqual(['{"sku":"a","plan":"pro"}']);
    expect(api.events()[0]!.properties).toEqual({ sku: 'a', plan: 'pro', edited: true });
  });

  it('drop an event when a hook returns null: nothing is sent, the call resolves', async () => {
    const later = vi.fn();
    const { api, ninetailed, onError } = setup({
      plugins: [
        {
          name: 'no-secret',
          onEvent: (event) => (event.type === 'track' && event.event === 'secret' ? null : event),
        },
        { name: 'later', onEvent: later },
      ],
    });
    api.ok();
    await expect(ninetailed.track('secret')).resolves.toEqual({ success: true });
    await ninetailed.track('public');
    expect(api.events().map((e) => e.event)).toEqual(['public']);
    expect(later).toHaveBeenCalledTimes(1);
    expect(onError).not.toHaveBeenCalled();
  });

  it('isolate and report a throwing hook; the event goes on unchanged by it', async () => {
    const { api, ninetailed, onError } = setup({
      plugins: [
        {
          name: 'broken',
          onEvent(event) {
            if (event.type === 'page') event.properties.half = 'done';
            throw new Error('kaput');
          },
        },
        { name: 'invalid', onEvent: (event) => ({ ...event, type: 'oops' }) as never },
        {
          name: 'fine',
          onEvent: (event) =>
            event.type === 'page' ? { ...event, properties: { ...event.properties, ok: 1 } } : event,
        },
      ],
    });
    api.ok();
    await expect(ninetailed.page({ category: 'news' })).resolves.toEqual({ success: true });
    expect(api.events()[0]!.properties).toMatchObject({ category: 'news', ok: 1 });
    expect(api.events()[0]!.properties).not.toHaveProperty('half');
    expect(api.events()[0]!.type).toBe('page');
    expect(onError.mock.calls.map(([e]) => [e.name, (e as { code?: string }).code, e.message])).toEqual([
      ['NinetailedError', 'ERR_PLUGIN', '[ninetailed] plugin "broken" threw: Error: kaput'],
      ['NinetailedError', 'ERR_PLUGIN', expect.stringContaining('plugin "invalid" threw')],
    ]);
  });

  it('refuse a hook result that is not JSON', async () => {
    const { api, ninetailed, onError } = setup({
      plugins: [{ name: 'fn', onEvent: (event) => ({ ...event, bad: () => 1 }) as never }],
    });
    api.ok();
    await ninetailed.page();
    expect(api.events()[0]).not.toHaveProperty('bad');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_PLUGIN' }));
  });

  it('observe deliveries and profile changes, isolated from each other', async () => {
    const deliveries: DeliveryReport[] = [];
    const states: ProfileState['status'][] = [];
    const { api, ninetailed, onError } = setup({
      plugins: [
        {
          name: 'observer',
          onDelivery: (report) => deliveries.push(report),
          onProfileChange: (state) => states.push(state.status),
        },
        {
          name: 'noisy',
          onDelivery() {
            throw new Error('noisy');
          },
        },
      ],
    });
    api.ok();
    api.next(() => errorReply(400, 'ERR_INVALID_DATA'));
    await ninetailed.track('a');
    await ninetailed.track('b').catch(() => {});
    expect(
      deliveries.map((d) => [
        d.events.map((e) => (e.type === 'track' ? e.event : '')),
        d.error?.code ?? null,
      ]),
    ).toEqual([
      [['a'], null],
      [['b'], 'ERR_INVALID_DATA'],
    ]);
    expect(states).toEqual(['loading', 'success', 'error']);
    expect(
      onError.mock.calls.filter(([e]) => (e as unknown as { code: string }).code === 'ERR_PLUGIN'),
    ).toHaveLength(2);
  });
});
