import { murmur3 } from './murmur3';

const MAX_UINT32 = 4294967295;

/**
 * The visitor's fixed random number in [0, 1] for one experience (section 8):
 * `murmur3("<kind>-<experienceId>-<stableId>") / 4294967295`. `traffic` decides entry
 * (`trafficAllocation > random`), `distribution` decides the variant.
 *
 * @example
 * experienceRandom('traffic', 'hero-test', 'abc'); // 0.16668252906917652
 */
export function experienceRandom(
  kind: 'traffic' | 'distribution',
  experienceId: string,
  stableId: string,
): number {
  return murmur3(`${kind}-${experienceId}-${stableId}`, 0) / MAX_UINT32;
}
