import type { Distribution, ExperienceConfiguration, Reference } from './experienceTypes';
import { type SelectionProfile, selectionRandom } from './selectExperience';

/**
 * The distribution entry (and so the variant index) of the visitor in `experience`: the entry
 * with `start <= distributionRandom <= end`, the lowest index winning on a shared boundary
 * (`experience-api.md`, section 8). None matches (or no profile): index 0, the baseline.
 *
 * @example
 * ```ts
 * import { selectDistribution } from '@ninetailed/experience.js';
 * const { index } = selectDistribution({ experience: ctaTest, profile: ninetailed.profileState.profile });
 * ```
 */
export function selectDistribution({
  experience,
  profile,
}: {
  experience: ExperienceConfiguration<Reference>;
  profile: SelectionProfile | null | undefined;
}): Distribution {
  const random = selectionRandom('distribution', experience, profile);
  return (
    [...(experience.distribution ?? [])]
      .sort((a, b) => a.index - b.index)
      .find(({ start, end }) => start <= random && random <= end) ?? { index: 0, start: 0, end: 0 }
  );
}
