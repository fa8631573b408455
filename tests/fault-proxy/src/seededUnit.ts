/**
 * A deterministic number in [0, 1) for `(seed, stream, index)`: the same inputs give the same
 * number on every run and every machine, and no state is kept, so a fault schedule depends only
 * on the request's index, never on timing or on how many numbers were drawn before.
 *
 * A counter-based hash (murmur3's 32-bit finaliser over the mixed inputs), not a cryptographic one.
 *
 * @example
 * ```ts
 * seededUnit(42, 0, 7) === seededUnit(42, 0, 7); // true
 * seededUnit(42, 0, 7) < 0.3; // "is request 7 one of the 30% that fail?"
 * ```
 */
export function seededUnit(seed: number, stream: number, index: number): number {
  let h = fmix(seed >>> 0);
  h = fmix(h ^ Math.imul(stream + 1, 0x9e3779b1));
  h = fmix(h ^ Math.imul(index + 1, 0x85ebca77));
  return h / 4294967296;
}

function fmix(input: number): number {
  let h = input >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
