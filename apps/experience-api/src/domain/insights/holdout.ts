import { experienceRandom } from '../experiences/experienceRandom';
import type { ExperienceDefinition } from '../experiences/experienceTypes';

/**
 * Whether a view puts the profile in a personalization's holdout (issue 13): the experience is
 * an `nt_personalization`, the view shows the baseline (variant 0), the profile is in the
 * experience's audience (or it has none) but outside its traffic share
 * (`trafficAllocation <= trafficRandom`, the same rule `selectExperiences` enters profiles by).
 * Without a `stableId` the traffic share cannot be known: not a holdout.
 *
 * @example
 * isHoldoutView(newsHero, { stableId: 's1', audiences: ['news-readers'] }, 0); // true when s1 falls outside the traffic share
 */
export function isHoldoutView(
  experience: ExperienceDefinition,
  profile: { readonly stableId?: string; readonly audiences: readonly string[] },
  variantIndex: number,
): boolean {
  if (experience.type !== 'nt_personalization' || variantIndex !== 0 || !profile.stableId) return false;
  const audience = experience.audience?.id;
  if (audience !== undefined && !profile.audiences.includes(audience)) return false;
  return !(experience.trafficAllocation > experienceRandom('traffic', experience.id, profile.stableId));
}
