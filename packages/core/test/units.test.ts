import { describe, expect, it } from 'vitest';
import { readPage } from '../src/context';
import { parseCampaign } from '../src/index';
import { defaultStorage, memoryStorage, safeStorage } from '../src/storage';
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
  it('safeStorage swallows throwing storage', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    const safe = safeStorage(broken);
    expect(safe.getItem('k')).toBeNull();
    expect(() => safe.setItem('k', 'v')).not.toThrow();
    expect(() => safe.removeItem('k')).not.toThrow();
  });

  it('defaultStorage falls back to memory without localStorage (node)', () => {
    const storage = defaultStorage();
    storage.setItem('a', '1');
    expect(storage.getItem('a')).toBe('1');
    const other = memoryStorage();
    expect(other.getItem('a')).toBeNull();
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
