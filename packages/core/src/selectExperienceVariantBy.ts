import type { EntryReplacement, ExperienceConfiguration, Reference } from './experienceTypes';
import type { ExperienceVariantSelection } from './selectExperienceVariant';

/**
 * The rules of `selectExperienceVariant` with the variant index of each experience given by
 * `variantIndexOf` (`undefined`: the visitor is not in it): only the experiences that have an
 * `EntryReplacement` for `baseline.id` count, in the order listed; the first with an index wins.
 * Index `i` is `variants[i - 1]`, 0 the baseline; an index with no variant, or no experience:
 * the baseline, index 0, `experience: null`. Pure: never throws for malformed definitions.
 *
 * For bindings that bring their own selection (React's `useExperience` uses the Experience
 * API's): an app that never evaluates locally does not bundle that arithmetic (`murmur3`,
 * `selectDistribution`).
 *
 * @example
 * ```ts
 * import { selectExperienceVariantBy } from '@ninetailed/experience.js';
 * const { profile, experiences: selected } = ninetailed.profileState;
 * const { variant } = selectExperienceVariantBy(hero, profile ? experiences : [], (experience) =>
 *   selected?.find((info) => info.experienceId === experience.id)?.variantIndex,
 * );
 * ```
 */
export function selectExperienceVariantBy<
  Baseline extends Reference = Reference,
  Variant extends Reference = Reference,
>(
  baseline: Baseline,
  experiences: readonly ExperienceConfiguration<Variant>[],
  variantIndexOf: (experience: ExperienceConfiguration<Variant>) => number | undefined,
): ExperienceVariantSelection<Baseline, Variant> {
  const list = baseline && Array.isArray(experiences) ? experiences : [];
  for (const experience of list as readonly ExperienceConfiguration<Variant>[]) {
    const component = experience?.components?.find(
      (c): c is EntryReplacement<Variant> => c?.type === 'EntryReplacement' && c.baseline?.id === baseline.id,
    );
    if (!component) continue;
    const variantIndex = variantIndexOf(experience);
    if (variantIndex === undefined) continue;
    const variant = variantIndex ? component.variants?.[variantIndex - 1] : baseline;
    // Without a variant at that index (the definitions and the API disagree): the baseline.
    if (!variant) break;
    return {
      experience,
      variant,
      variantIndex,
      audience: experience.audience ?? { id: 'ALL_VISITORS' },
      isPersonalized: true,
    };
  }
  return { experience: null, variant: baseline, variantIndex: 0, audience: null, isPersonalized: false };
}
