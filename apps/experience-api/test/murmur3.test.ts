import { describe, expect, it } from 'vitest';
import { experienceRandom } from '../src/domain/experiences/experienceRandom';
import { murmur3 } from '../src/domain/experiences/murmur3';
import { oracleMurmur3 } from './experienceOracle';

describe('murmur3 (MurmurHash3 x86 32-bit, murmurhash-js semantics)', () => {
  it('gives the section 8 test vector', () => {
    expect(murmur3('traffic-hero-test-abc')).toBe(715896011);
    expect(murmur3('traffic-hero-test-abc', 0)).toBe(715896011);
    expect(experienceRandom('traffic', 'hero-test', 'abc')).toBe(0.16668252906917652);
  });

  it.each([
    ['', 0, 0],
    ['a', 0, 1009084850],
    ['ab', 0, 2613040991],
    ['abc', 0, 3017643002],
    ['abcd', 0, 1139631978],
    ['Hello, world!', 0, 3224780355],
    ['Hello, world!', 1234, 4210478515],
    ['traffic-hero-test-abc', 42, 2061830385],
    // Non-Latin-1 code units contribute their low 8 bits only (as murmurhash-js does).
    ['ü€😀', 0, 1481631303],
  ])('murmur3(%j, %i) = %i (known values, computed with murmurhash-js)', (key, seed, expected) => {
    expect(murmur3(key, seed)).toBe(expected);
  });

  it('agrees with murmurhash-js on 5,000 generated keys (every tail length, any code unit, any seed)', () => {
    let state = 1;
    const next = () => {
      // A fixed linear congruential sequence: deterministic test data.
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state;
    };
    const mismatches: unknown[] = [];
    for (let n = 0; n < 5000; n++) {
      let key = '';
      for (let i = 0; i < n % 23; i++)
        key += String.fromCharCode(n % 2 === 0 ? next() % 128 : next() % 0x10000);
      const seed = n % 3 === 0 ? 0 : next();
      const ours = murmur3(key, seed);
      const expected = oracleMurmur3(key, seed);
      if (ours !== expected || !Number.isInteger(ours) || ours < 0)
        mismatches.push({ key, seed, ours, expected });
    }
    expect(mismatches).toEqual([]);
  });
});
