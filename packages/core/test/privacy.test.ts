import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { looksLikeContactInfo } from '../src/index';
import { NOW, setup } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('looksLikeContactInfo', () => {
  it.each([
    'jane@example.com',
    'write to Jane.Doe+news@mail.example.co.uk please',
    '+49 30 1234567',
    '(555) 123-4567',
    '0301234567',
    '+1.555.123.4567',
  ])('flags %s', (value) => {
    expect(looksLikeContactInfo(value)).toBe(true);
  });
  it.each([
    'red',
    '2024-01-15',
    '2024-01-15T10:00:00Z',
    '1234',
    '12.5',
    'user-42',
    '@handle',
    'a@b',
    '9T41L',
  ])('lets %s through', (value) => {
    expect(looksLikeContactInfo(value)).toBe(false);
  });
});

describe('privacy guard', () => {
  it('warns by default and still sends', async () => {
    const { api, ninetailed, onLog } = setup();
    api.ok();
    await ninetailed.identify('jane@example.com', { phone: '+49 30 1234567', color: 'red' });
    expect(api.events()[0]).toMatchObject({
      userId: 'jane@example.com',
      traits: { phone: '+49 30 1234567', color: 'red' },
    });
    expect(onLog).toHaveBeenCalledWith(
      expect.stringMatching(/^\[ninetailed\] identify: uid, traits\.phone look like contact info/),
      'warn',
    );
  });

  it('strips alias and nested traits in strip mode', async () => {
    const { api, ninetailed, onLog } = setup({ privacy: { contactInfo: 'strip' } });
    api.ok();
    await ninetailed.identify('jane@example.com', {
      color: 'red',
      contact: { email: 'jane@example.com', city: 'Berlin' },
      phones: ['+49 30 1234567', 'n/a'],
    });
    expect(api.events()[0]).toMatchObject({
      userId: '',
      traits: { color: 'red', contact: { city: 'Berlin' }, phones: [null, 'n/a'] },
    });
    expect(onLog).toHaveBeenCalledWith(
      '[ninetailed] identify: uid, traits.contact.email, traits.phones.0 look like contact info (email or phone); removed',
      'warn',
    );
  });

  it('sends nothing when stripping leaves nothing to say', async () => {
    const { api, ninetailed } = setup({ privacy: { contactInfo: 'strip' } });
    await expect(ninetailed.identify('jane@example.com', { email: 'jane@example.com' })).resolves.toEqual({
      success: true,
    });
    await ninetailed.flush();
    expect(api.requests).toHaveLength(0);
  });

  it('allows silently in allow mode', async () => {
    const { api, ninetailed, onLog } = setup({ privacy: { contactInfo: 'allow' } });
    api.ok();
    await ninetailed.identify('jane@example.com', { email: 'jane@example.com' });
    expect(api.events()[0]).toMatchObject({
      userId: 'jane@example.com',
      traits: { email: 'jane@example.com' },
    });
    expect(onLog).not.toHaveBeenCalled();
  });
});
