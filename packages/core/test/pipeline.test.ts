import { describe, expect, it, vi } from 'vitest';
import { CONSENT_KEY, createConsent } from '../src/consent';
import { NinetailedDeliveryError } from '../src/errors';
import { isFinal } from '../src/scheduler';
import { memoryStorage } from '../src/storage';

describe('consent step', () => {
  it('option decides until a choice is stored; a stored choice wins and is shared', () => {
    const storage = memoryStorage();
    const refused = vi.fn();
    const required = createConsent(storage, true, refused);
    required.read();
    expect(required.given).toBeUndefined();
    const granted = createConsent(storage, false, refused);
    granted.read();
    expect(granted.given).toBe(true);
    required.set(false);
    expect(required.given).toBe(false);
    expect(storage.getItem(CONSENT_KEY)).toBe('false');
    expect(refused).toHaveBeenCalledTimes(1);
    // Another reader (tab) of the same storage follows the stored choice over its option.
    granted.read();
    expect(granted.given).toBe(false);
    expect(refused).toHaveBeenCalledTimes(2);
    granted.set(true);
    required.read();
    expect(required.given).toBe(true);
  });
});

describe('error classification', () => {
  it.each([
    [400, true],
    [401, true],
    [413, true],
    [404, false],
    [408, false],
    [429, false],
    [500, false],
    [503, false],
    [0, false],
  ])('status %i final: %s', (status, final) => {
    expect(isFinal(new NinetailedDeliveryError('ERR_X', status, 'x'))).toBe(final);
  });
});
