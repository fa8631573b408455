/**
 * Reads v7's encoded experience-to-variant map (`"experienceA=1,experienceB=2"`, as v7's edge
 * middleware put it in a cookie or query) into `{ experienceA: 1, experienceB: 2 }`. Pairs
 * whose id is empty or whose index is not a whole number above 0 are left out (index 0 is the
 * baseline, which renders anyway).
 *
 * @example
 * ```ts
 * import { decodeExperienceVariantsMap } from '@ninetailed/experience.js-next';
 * decodeExperienceVariantsMap('hero=1,banner=2'); // { hero: 1, banner: 2 }
 * ```
 */
export function decodeExperienceVariantsMap(encoded: string): Record<string, number> {
  const map: Record<string, number> = {};
  for (const pair of `${encoded}`.split(',')) {
    const at = pair.indexOf('=');
    const id = pair.slice(0, at).trim();
    const index = Number(pair.slice(at + 1));
    if (at > 0 && id && Number.isInteger(index) && index > 0) map[id] = index;
  }
  return map;
}
