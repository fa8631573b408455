/**
 * MurmurHash3 (x86, 32-bit) of `key`, unsigned, with the semantics of the `murmurhash-js`
 * package the Experience API and v7 use: each UTF-16 code unit contributes only its low 8 bits,
 * as one byte. The selection arithmetic (`experience-api.md`, section 8) divides it by
 * `4294967295`.
 *
 * @example
 * ```ts
 * import { murmur3 } from '@ninetailed/experience.js';
 * murmur3('traffic-hero-test-abc'); // 715896011
 * murmur3('traffic-hero-test-abc') / 4294967295; // 0.16668252906917652
 * ```
 */
export function murmur3(key: string, seed = 0): number {
  const mul = Math.imul;
  const length = key.length;
  let h = seed;
  let shift = 0;
  // Blocks of 4 bytes, little endian; a shorter last block (the tail) is mixed in without the
  // rotation step.
  for (let i = 0; i < length; ) {
    let k = 0;
    for (shift = 0; shift < 32 && i < length; shift += 8) k |= (key.charCodeAt(i++) & 255) << shift;
    k = mul(k, 0xcc9e2d51);
    h ^= mul((k << 15) | (k >>> 17), 0x1b873593);
    if (shift > 24) h = mul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
  h ^= length;
  h = mul(h ^ (h >>> 16), 0x85ebca6b);
  h = mul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
