import type { ExperienceAudience, ExperienceConfiguration, Reference, VariantRef } from './experienceTypes';
import { selectDistribution } from './selectDistribution';
import { enteredExperience, type SelectionProfile } from './selectExperience';
import { selectExperienceVariantBy } from './selectExperienceVariantBy';
import type { SelectedVariantInfo } from './types';

/**
 * The input of `selectExperienceVariant`.
 *
 * @example
 * ```ts
 * import type { SelectExperienceVariantInput } from '@ninetailed/experience.js';
 * const input: SelectExperienceVariantInput<{ id: string; title: string }> = {
 *   baseline: { id: 'hero-default', title: 'Welcome' },
 *   experiences: [],
 *   profile: ninetailed.profileState.profile,
 *   selectedVariants: ninetailed.profileState.experiences,
 * };
 * ```
 */
export interface SelectExperienceVariantInput<
  Baseline extends Reference = Reference,
  Variant extends Reference = Reference,
> {
  /** The component as the app renders it without personalization; its `id` is the entry id. */
  baseline: Baseline;
  /** The definitions, in the order they count (the first that applies wins). */
  experiences: readonly ExperienceConfiguration<Variant>[];
  /** The visitor (`profileState.profile`); without one the baseline is selected. */
  profile: SelectionProfile | null | undefined;
  /** The API's selection (`profileState.experiences`), used unless `evaluateLocally`. */
  selectedVariants?: readonly SelectedVariantInfo[] | null;
  /** Select with the section 8 arithmetic on the profile instead of the API's list. */
  evaluateLocally?: boolean;
}

/**
 * What `selectExperienceVariant` selected. `experience` is `null` when the visitor is in no
 * experience for this component (or in the holdout); `isPersonalized` is `true` exactly when an
 * experience was selected (its control group, index 0, included); `audience` is the
 * experience's audience, `{ id: 'ALL_VISITORS' }` when it has none, `null` without experience.
 *
 * @example
 * ```ts
 * import type { ExperienceVariantSelection } from '@ninetailed/experience.js';
 * const label = (s: ExperienceVariantSelection) => `${s.experience?.id ?? 'baseline'}#${s.variantIndex}`;
 * ```
 */
export interface ExperienceVariantSelection<
  Baseline extends Reference = Reference,
  Variant extends Reference = Reference,
> {
  experience: ExperienceConfiguration<Variant> | null;
  variant: Baseline | Variant | VariantRef;
  variantIndex: number;
  audience: ExperienceAudience | null;
  isPersonalized: boolean;
}

/**
 * Which experience, variant and index the visitor gets for one component (`baseline`).
 * Only the experiences that have an `EntryReplacement` for `baseline.id` count, in the order
 * listed. By default (as v7) the first of them the API selected (`selectedVariants`, from
 * `profileState.experiences`) wins, with the API's `variantIndex`; `evaluateLocally: true`
 * applies the same rules locally (`selectExperience`, `selectDistribution`); the rules themselves are
 * `selectExperienceVariantBy`'s. Index `i` is
 * `variants[i - 1]`, 0 the baseline. No profile, no experience, or an index with no variant:
 * the baseline, index 0, `experience: null`. A `VariantRef` with `hidden: true` means: render
 * nothing. Pure: never throws for malformed definitions (they are skipped).
 *
 * @example
 * ```ts
 * import { selectExperienceVariant } from '@ninetailed/experience.js';
 * const { profile, experiences: selectedVariants } = ninetailed.profileState;
 * const { variant, variantIndex, experience } = selectExperienceVariant({
 *   baseline: { id: 'hero-default', title: 'Welcome' },
 *   experiences: myExperiences,
 *   profile,
 *   selectedVariants,
 * });
 * ```
 */
export function selectExperienceVariant<
  Baseline extends Reference = Reference,
  Variant extends Reference = Reference,
>({
  baseline,
  experiences,
  profile,
  selectedVariants,
  evaluateLocally,
}: SelectExperienceVariantInput<Baseline, Variant>): ExperienceVariantSelection<Baseline, Variant> {
  return selectExperienceVariantBy(baseline, profile ? experiences : [], (experience) =>
    evaluateLocally
      ? enteredExperience(experience, profile)
        ? selectDistribution({ experience, profile }).index
        : undefined
      : selectedVariants?.find((info) => info?.experienceId === experience.id)?.variantIndex,
  );
}
