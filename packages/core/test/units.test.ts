import { describe, expect, it, vi } from 'vitest';
import { readPage } from '../src/context';
import { parseCampaign } from '../src/index';
import { memoryStorage, safeStorage } from '../src/storage';
import { byteLength, toJsonText } from '../src/validate';

describe('parseCampaign', () => {
  it('maps utm_* keys and ignores others', () => {
    expect(parseCampaign({ utm_campaign: 'c', utm_source: 's', utm_: 'x', utm: 'y', other: 'z' })).toEqual({
      name: 'c',
      source: 's',
    });
    expect(parseCampaign({})).toEqual({});
  });
});

describe('readPage', () => {
  it('keeps the hash in url, decodes the query', () => {
    expect(readPage('https://a.example/p%20q?a=%C3%A9&b#h', 'r')).toEqual({
      url: 'https://a.example/p%20q?a=%C3%A9&b#h',
      path: '/p%20q',
      search: '?a=%C3%A9&b',
      query: { a: 'é', b: '' },
      referrer: 'r',
    });
  });
});

describe('storage', () => {
  const broken = () => ({
    getItem: vi.fn((): string | null => {
      throw new Error('denied');
    }),
    setItem: vi.fn(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    }),
    removeItem: vi.fn(() => {
      throw new Error('denied');
    }),
  });

  it('safeStorage swallows a throwing storage and falls back to memory at the first failed write', () => {
    const degraded = vi.fn();
    const failing = broken();
    const safe = safeStorage(() => failing, degraded);
    expect(safe.getItem('k')).toBeNull();
    expect(degraded).not.toHaveBeenCalled();
    expect(() => safe.setItem('k', 'v')).not.toThrow();
    expect(degraded).toHaveBeenCalledTimes(1);
    expect(safe.getItem('k')).toBe('v');
    safe.setItem('k', 'w');
    expect(safe.getItem('k')).toBe('w');
    expect(() => safe.removeItem('k')).not.toThrow();
    expect(safe.getItem('k')).toBeNull();
    // Said once; later writes go straight to memory.
    expect(degraded).toHaveBeenCalledTimes(1);
    expect(failing.setItem).toHaveBeenCalledTimes(1);
  });

  it('safeStorage still reads what the storage held before a write failed (quota)', () => {
    const real = memoryStorage();
    real.setItem('id', 'kept');
    const full = { ...real, setItem: () => broken().setItem() };
    const safe = safeStorage(() => full, vi.fn());
    safe.setItem('big', 'x');
    expect(safe.getItem('id')).toBe('kept');
    expect(safe.getItem('big')).toBe('x');
  });

  it('safeStorage over no storage at all works from memory (a lookup that throws, as in sandboxed iframes)', () => {
    const safe = safeStorage(() => {
      throw new DOMException('denied', 'SecurityError');
    }, vi.fn());
    expect(safe.getItem('a')).toBeNull();
    safe.setItem('a', '1');
    expect(safe.getItem('a')).toBe('1');
    expect(memoryStorage().getItem('a')).toBeNull();
  });
});

describe('validation helpers', () => {
  it('counts UTF-8 bytes', () => {
    expect(byteLength('abc')).toBe(3);
    expect(byteLength('é')).toBe(2);
    expect(byteLength('€')).toBe(3);
    expect(byteLength('😀')).toBe(4);
  });

  it('serialises toJSON objects as JSON does', () => {
    expect(toJsonText({ d: new Date(0), n: null, a: [true, 1.5, 'x'] }, 'p')).toBe(
      '{"d":"1970-01-01T00:00:00.000Z","n":null,"a":[true,1.5,"x"]}',
    );
  });
});
