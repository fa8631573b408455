import type { ExperienceConfiguration, Reference } from './experienceTypes';
import { murmur3 } from './murmur3';
import type { Profile } from './types';

/**
 * The visitor fields the selection reads (a `Profile` fits).
 *
 * @example
 * ```ts
 * import type { SelectionProfile } from '@ninetailed/experience.js';
 * const visitor: SelectionProfile = { stableId: 'abc', audiences: ['news-readers'] };
 * ```
 */
export type SelectionProfile = Pick<Profile, 'stableId' | 'audiences'>;

/**
 * The selection number in `[0, 1]` of one visitor for one experience: `kind` is `traffic` or
 * `distribution` (`experience-api.md`, section 8). `NaN` without a usable `stableId`, so every
 * comparison with it fails.
 */
export const selectionRandom = (
  kind: 'traffic' | 'distribution',
  experience: { id: string },
  profile: SelectionProfile | null | undefined,
): number =>
  typeof profile?.stableId === 'string'
    ? murmur3(`${kind}-${experience.id}-${profile.stableId}`) / 4294967295
    : Number.NaN;

/**
 * `true` when the visitor entered `experience`: inside the traffic allocation (not in the
 * holdout), and in its audience (or it has none).
 */
export const enteredExperience = (
  experience: ExperienceConfiguration<Reference>,
  profile: SelectionProfile | null | undefined,
): boolean =>
  experience.trafficAllocation > selectionRandom('traffic', experience, profile) &&
  (!experience.audience || (profile?.audiences ?? []).includes(experience.audience.id));

/**
 * Local evaluation: the first experience, in the order listed, that the visitor entered
 * (traffic allocation and audience, `experience-api.md` section 8), or `null` (no profile, or
 * in none). The API's answer (`profileState.experiences`) is what v7 and `selectExperienceVariant`
 * use by default; this helper is for definitions the API does not know.
 *
 * @example
 * ```ts
 * import { selectExperience } from '@ninetailed/experience.js';
 * const experience = selectExperience({ experiences: myExperiences, profile: ninetailed.profileState.profile });
 * console.log(experience?.id ?? 'none');
 * ```
 */
export function selectExperience<Variant extends Reference = Reference>({
  experiences,
  profile,
}: {
  experiences: readonly ExperienceConfiguration<Variant>[];
  profile: SelectionProfile | null | undefined;
}): ExperienceConfiguration<Variant> | null {
  return (Array.isArray(experiences) ? experiences : []).find((e) => enteredExperience(e, profile)) ?? null;
}
