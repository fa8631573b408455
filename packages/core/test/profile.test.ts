import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, type ProfileState } from '../src/index';
import { BASE, errorReply, NOW, networkError, okReply, profile, setup } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('profile', () => {
  it('adopts profile.id from every response and stores it JSON-encoded under the v7 key', async () => {
    const { api, ninetailed, storage } = setup();
    api.ok('p1');
    // After a merge the API answers with another id: the client follows it.
    api.next(() => okReply('merged'));
    api.ok('merged');
    await ninetailed.page();
    expect(storage.getItem('__nt_anonymous_id__')).toBe('"p1"');
    await ninetailed.identify('anAlias', { someTrait: 'value' });
    expect(storage.getItem('__nt_anonymous_id__')).toBe('"merged"');
    await ninetailed.page();
    expect(api.requests.map((r) => r.url)).toEqual([BASE, `${BASE}/p1`, `${BASE}/merged`]);
  });

  it('continues the profile of a v7 visitor (same storage key and encoding)', async () => {
    const storage = memoryStorage();
    storage.setItem('__nt_anonymous_id__', JSON.stringify('v7-visitor'));
    const { api, ninetailed } = setup({ storage });
    api.ok('v7-visitor');
    await ninetailed.page();
    expect(api.requests[0]!.url).toBe(`${BASE}/v7-visitor`);
  });

  it('moves loading → success → error (keeping the profile) → success', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const { api, ninetailed, onError } = setup();
    const states: ProfileState[] = [];
    ninetailed.onProfileChange((state) => states.push(state));
    expect(states).toEqual([
      { status: 'loading', profile: null, experiences: null, changes: null, error: null, from: 'api' },
    ]);
    const experiences = [{ experienceId: 'e1', variantIndex: 1, variants: { b: 'v' }, sticky: false }];
    const changes = [
      { type: 'Variable' as const, key: 'k', value: 1, meta: { experienceId: 'e1', variantIndex: 1 } },
    ];
    api.next(() => okReply('p1', { experiences, changes }));
    await ninetailed.page();
    expect(states[1]).toEqual({
      status: 'success',
      profile: profile('p1'),
      experiences,
      changes,
      error: null,
      from: 'api',
    });
    api.next(() => errorReply(500, 'ERR_INTERNAL_SERVER_ERROR'));
    await ninetailed.page();
    const failed = onError.mock.calls[0]![0];
    expect(failed).toMatchObject({
      name: 'NinetailedDeliveryError',
      code: 'ERR_INTERNAL_SERVER_ERROR',
      status: 500,
    });
    expect(states[2]).toEqual({ ...states[1], status: 'error', error: failed });
    // The retry succeeds.
    api.ok('p1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.requests).toHaveLength(3);
    expect(states[3]).toMatchObject({ status: 'success', error: null, from: 'api' });
    expect(states).toHaveLength(4);
    expect(ninetailed.profileState).toBe(states[3]);
  });

  it('notifies only on real change and keeps the state object identity', async () => {
    const { api, ninetailed } = setup();
    api.ok('p1', 2);
    await ninetailed.page();
    const before = ninetailed.profileState;
    const callback = vi.fn();
    ninetailed.onProfileChange(callback);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenLastCalledWith(before);
    await ninetailed.page(); // same profile again
    expect(callback).toHaveBeenCalledTimes(1);
    expect(ninetailed.profileState).toBe(before);
    api.next(() => okReply('p1', { profile: { audiences: ['news-readers'] } }));
    await ninetailed.page();
    expect(callback).toHaveBeenCalledTimes(2);
    expect(ninetailed.profileState.profile?.audiences).toEqual(['news-readers']);
  });

  it('unsubscribes, and isolates a throwing subscriber', async () => {
    const { api, ninetailed, onError } = setup();
    api.ok('p1');
    const kept = vi.fn();
    const removed = vi.fn();
    ninetailed.onProfileChange(() => {
      throw new Error('boom');
    });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_SUBSCRIBER' }));
    ninetailed.onProfileChange(kept);
    const unsubscribe = ninetailed.onProfileChange(removed);
    unsubscribe();
    await ninetailed.page();
    expect(kept).toHaveBeenCalledTimes(2);
    expect(removed).toHaveBeenCalledTimes(1);
  });

  it('caches the last profile and restores it on load (from: cache)', async () => {
    const first = setup();
    first.api.next(() => okReply('p1', { profile: { audiences: ['red-fans'] } }));
    await first.ninetailed.page();
    expect(first.storage.getItem('__nt_profile__')).toBe(
      JSON.stringify(profile('p1', { audiences: ['red-fans'] })),
    );

    const second = setup({ storage: first.storage });
    expect(second.ninetailed.profileState).toEqual({
      status: 'success',
      profile: profile('p1', { audiences: ['red-fans'] }),
      experiences: [],
      changes: [],
      error: null,
      from: 'hydrated',
    });
  });

  it('ignores a cached profile that belongs to another id, and a corrupt cache', () => {
    const storage = memoryStorage();
    storage.setItem('__nt_anonymous_id__', '"p2"');
    storage.setItem('__nt_profile__', JSON.stringify(profile('p1')));
    expect(setup({ storage }).ninetailed.profileState.status).toBe('loading');
    storage.setItem('__nt_profile__', '{not json');
    expect(setup({ storage }).ninetailed.profileState.status).toBe('loading');
  });

  it('forgets an id the API no longer knows and re-sends the same events to create a profile', async () => {
    const storage = memoryStorage();
    storage.setItem('__nt_anonymous_id__', '"gone"');
    const { api, ninetailed } = setup({ storage });
    api.next(() => errorReply(404, 'ERR_PROFILE_NOT_FOUND'));
    api.ok('fresh');
    await ninetailed.track('x');
    expect(api.requests.map((r) => r.url)).toEqual([`${BASE}/gone`, BASE]);
    expect(api.requests[1]!.init.body).toBe(api.requests[0]!.init.body);
    expect(storage.getItem('__nt_anonymous_id__')).toBe('"fresh"');
  });

  it('never identifies a visitor from the URL (no ?an_uid= inheritance)', async () => {
    const { api, ninetailed, storage } = setup({
      location: { href: 'https://a.example/?an_uid=someone&ajs_uid=x' },
    });
    api.ok('p1');
    await ninetailed.page();
    expect(api.requests[0]!.url).toBe(BASE);
    expect(api.events().map((e) => e.type)).toEqual(['page']);
    expect(storage.getItem('__nt_anonymous_id__')).toBe('"p1"');
  });

  it('treats an answer without a profile as a delivery error (kept for a retry)', async () => {
    const { api, ninetailed, onError } = setup();
    api.next(() => ({ ok: true, status: 200, json: async () => ({ data: {} }) }));
    await expect(ninetailed.page()).resolves.toEqual({ success: true });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_BAD_RESPONSE' }));
    expect(ninetailed.profileState.status).toBe('error');
  });

  it('reports a network failure as ERR_NETWORK', async () => {
    const { api, ninetailed, onError } = setup();
    api.next(networkError);
    await expect(ninetailed.page()).resolves.toEqual({ success: true });
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'NinetailedDeliveryError', code: 'ERR_NETWORK', status: 0 }),
    );
  });
});

describe('reset', () => {
  it('forgets id and cache and starts a new anonymous profile', async () => {
    const { api, ninetailed, storage } = setup();
    api.ok('p1');
    api.ok('p2');
    await ninetailed.page();
    const states: string[] = [];
    ninetailed.onProfileChange((s) => states.push(s.status));
    await expect(ninetailed.reset()).resolves.toBeUndefined();
    expect(ninetailed.profileState).toEqual({
      status: 'loading',
      profile: null,
      experiences: null,
      changes: null,
      error: null,
      from: 'api',
    });
    for (const key of ['__nt_anonymous_id__', '__nt_profile__', '__nt_experiences__', '__nt_changes__']) {
      expect(storage.getItem(key)).toBeNull();
    }
    await ninetailed.page();
    expect(api.requests.map((r) => r.url)).toEqual([BASE, BASE]);
    expect(ninetailed.profileState.profile?.id).toBe('p2');
    expect(states).toEqual(['success', 'loading', 'success']);
  });

  it('sends events queued before a reset to the old profile, and ignores its late answer', async () => {
    const { api, ninetailed, storage } = setup();
    api.ok('old');
    await ninetailed.page();
    const gate = api.hold(okReply('old'));
    api.ok('old');
    api.ok('new');
    const inFlight = ninetailed.track('before-1');
    await vi.advanceTimersByTimeAsync(0);
    const queued = ninetailed.track('before-2');
    await ninetailed.reset();
    const after = ninetailed.track('after');
    gate.release();
    await Promise.all([inFlight, queued, after]);
    expect(api.requests.map((r) => [r.url, r.body.events.map((e) => e.event ?? e.type)])).toEqual([
      [BASE, ['page']],
      [`${BASE}/old`, ['before-1']],
      [`${BASE}/old`, ['before-2']],
      [BASE, ['after']],
    ]);
    expect(storage.getItem('__nt_anonymous_id__')).toBe('"new"');
    expect(ninetailed.profileState.profile?.id).toBe('new');
  });
});
