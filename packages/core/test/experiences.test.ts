import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage, type ProfileState } from '../src/index';
import { NOW, okReply, profile, setup } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

const experiences = [
  { experienceId: 'cta-test', variantIndex: 1, variants: { 'cta-default': 'cta-bold' }, sticky: true },
];
const changes = [
  {
    type: 'Variable' as const,
    key: 'cta-color',
    value: 'green',
    meta: { experienceId: 'cta-test', variantIndex: 1 },
  },
];

describe('profileState.experiences and changes', () => {
  it('come from every answer, reach onProfileChange, and are cached under the v7 keys', async () => {
    const { api, ninetailed, storage } = setup();
    const states: ProfileState[] = [];
    ninetailed.onProfileChange((state) => states.push(state));
    api.next(() => okReply('p1', { experiences, changes }));
    await ninetailed.page();
    expect(states.at(-1)).toMatchObject({ status: 'success', experiences, changes, from: 'api' });
    expect(JSON.parse(storage.getItem('__nt_experiences__')!)).toEqual(experiences);
    expect(JSON.parse(storage.getItem('__nt_changes__')!)).toEqual(changes);
    // The next answer replaces them (the visitor left the experience).
    api.next(() => okReply('p1'));
    await ninetailed.track('x');
    expect(states.at(-1)).toMatchObject({ experiences: [], changes: [] });
    expect(storage.getItem('__nt_experiences__')).toBe('[]');
  });

  it("restores them from a v7 visitor's storage before any request (from: cache)", () => {
    // What the v7 SDK leaves in localStorage: JSON values under its keys.
    const storage = memoryStorage();
    storage.setItem('__nt_anonymous_id__', JSON.stringify('v7-visitor'));
    storage.setItem('__nt_profile__', JSON.stringify(profile('v7-visitor', { audiences: ['news-readers'] })));
    storage.setItem('__nt_experiences__', JSON.stringify(experiences));
    storage.setItem('__nt_changes__', JSON.stringify(changes));
    const { ninetailed } = setup({ storage });
    expect(ninetailed.profileState).toEqual({
      status: 'success',
      profile: profile('v7-visitor', { audiences: ['news-readers'] }),
      experiences,
      changes,
      error: null,
      from: 'hydrated',
    });
  });

  it('corrupt cached lists become [] (the profile still restores)', () => {
    const storage = memoryStorage();
    storage.setItem('__nt_anonymous_id__', '"p1"');
    storage.setItem('__nt_profile__', JSON.stringify(profile('p1')));
    storage.setItem('__nt_experiences__', '{not json');
    storage.setItem('__nt_changes__', '{"a":1}');
    expect(setup({ storage }).ninetailed.profileState).toMatchObject({ experiences: [], changes: [] });
  });

  it('reset forgets them', async () => {
    const { api, ninetailed, storage } = setup();
    api.next(() => okReply('p1', { experiences, changes }));
    await ninetailed.page();
    await ninetailed.reset();
    expect(ninetailed.profileState).toMatchObject({ status: 'loading', experiences: null, changes: null });
    expect(storage.getItem('__nt_experiences__')).toBeNull();
    expect(storage.getItem('__nt_changes__')).toBeNull();
  });
});
