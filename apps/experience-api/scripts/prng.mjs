/**
 * A small deterministic PRNG (mulberry32), so generated data are the same on every run: the
 * tests' fixtures, the Insights seed script and `bench/insights` draw from it.
 *
 * @example
 * const random = prng(13); random(); // a number in [0, 1), the same sequence for seed 13
 *
 * @param {number} seed
 * @returns {() => number}
 */
export function prng(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
