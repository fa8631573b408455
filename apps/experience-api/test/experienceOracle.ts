/**
 * Expected selections computed independently of `src/domain/experiences`: the `murmurhash-js` package
 * (what v7 uses) as the hash, and the section-8 rules written out for the demo configuration.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const murmurhash: { murmur3(key: string, seed?: number): number } = require('murmurhash-js');

/** `murmurhash-js`'s murmur3 (the oracle). */
export const oracleMurmur3 = (key: string, seed = 0): number => murmurhash.murmur3(key, seed);

/** `murmur3("<kind>-<experienceId>-<stableId>") / 4294967295` through the oracle. */
export const oracleRandom = (kind: 'traffic' | 'distribution', experienceId: string, stableId: string) =>
  oracleMurmur3(`${kind}-${experienceId}-${stableId}`) / 4294967295;

/** The demo's 50/50 `cta-test` (sticky, everyone, traffic 1) for a profile, or its sticky `index`. */
export function demoCtaTest(stableId: string, index?: number) {
  const variantIndex = index ?? (oracleRandom('distribution', 'cta-test', stableId) <= 0.5 ? 0 : 1);
  return {
    experience: {
      experienceId: 'cta-test',
      variantIndex,
      variants: { 'cta-default': variantIndex === 0 ? 'cta-default' : 'cta-bold' },
      sticky: true,
    },
    change: {
      type: 'Variable',
      key: 'cta-color',
      value: variantIndex === 0 ? 'blue' : 'green',
      meta: { experienceId: 'cta-test', variantIndex },
    },
  };
}

/** The demo's `news-hero` personalization (news readers, everyone in it gets `hero-news`). */
export const demoNewsHero = {
  experienceId: 'news-hero',
  variantIndex: 1,
  variants: { 'hero-default': 'hero-news' },
  sticky: false,
};
