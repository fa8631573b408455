const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** One 32-bit block of the key, scrambled (the `k1` step of MurmurHash3). */
function scramble(k: number): number {
  const mixed = Math.imul(k, C1);
  return Math.imul((mixed << 15) | (mixed >>> 17), C2);
}

/**
 * MurmurHash3, x86 32-bit, unsigned, as the `murmurhash-js` package computes it (section 8 of
 * experience-api.md): each UTF-16 code unit of `key` contributes only its low 8 bits as one
 * byte. The server and every SDK derive a visitor's traffic and variant from it.
 *
 * @example
 * murmur3('traffic-hero-test-abc'); // 715896011
 */
export function murmur3(key: string, seed = 0): number {
  const byte = (i: number) => key.charCodeAt(i) & 0xff;
  const tail = key.length & 3;
  const end = key.length - tail;
  let h = seed | 0;
  for (let i = 0; i < end; i += 4) {
    h ^= scramble(byte(i) | (byte(i + 1) << 8) | (byte(i + 2) << 16) | (byte(i + 3) << 24));
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (tail > 0) {
    let k = byte(end);
    if (tail > 1) k |= byte(end + 1) << 8;
    if (tail > 2) k |= byte(end + 2) << 16;
    h ^= scramble(k);
  }
  h ^= key.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
