import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { LIBRARY_NAME, LIBRARY_VERSION } from '../src/index';
import { uuid } from '../src/uuid';
import { UUID_V4 } from './helpers';

describe('version', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(LIBRARY_NAME).toBe(pkg.name);
    expect(LIBRARY_VERSION).toBe(pkg.version);
  });

  it('package.json has no runtime dependencies (TypeScript is an optional peer: the types floor)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({ typescript: '>=4.7' });
    expect(pkg.peerDependenciesMeta).toEqual({ typescript: { optional: true } });
  });
});

describe('uuid', () => {
  it('uses crypto.randomUUID when present', () => {
    expect(uuid()).toMatch(UUID_V4);
    const ids = new Set(Array.from({ length: 1000 }, uuid));
    expect(ids.size).toBe(1000);
  });

  it('falls back to getRandomValues (non-secure contexts)', () => {
    const real = globalThis.crypto;
    const getRandomValues = vi.fn(
      <T extends ArrayBufferView | null>(array: T) => real.getRandomValues(array as never) as T,
    );
    vi.stubGlobal('crypto', { getRandomValues });
    const ids = Array.from({ length: 200 }, uuid);
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(200);
    expect(getRandomValues).toHaveBeenCalledTimes(200);
  });
});
