import type { Change, SelectedVariantInfo } from '../types';
import { experienceRandom } from './experienceRandom';
import type { Distribution, ExperienceDefinition } from './experienceTypes';

/** What the profile endpoints answer beside the profile (section 4). */
export interface ExperienceSelection {
  experiences: SelectedVariantInfo[];
  changes: Change[];
}

/** The profile fields selection reads. */
export interface SelectionProfile {
  stableId: string;
  audiences: readonly string[];
}

/**
 * The index a distribution random falls in: the entry with `start <= random <= end` and the
 * lowest index (so a shared boundary goes to the lower index); none matches: 0 (baseline).
 *
 * @example
 * variantIndexOf([{ index: 0, start: 0, end: 0.5 }, { index: 1, start: 0.5, end: 1 }], 0.5); // 0
 */
export function variantIndexOf(distribution: readonly Distribution[], random: number): number {
  let chosen: number | undefined;
  for (const { index, start, end } of distribution) {
    if (start <= random && random <= end && (chosen === undefined || index < chosen)) chosen = index;
  }
  return chosen ?? 0;
}

function enteredIndex(
  experience: ExperienceDefinition,
  profile: SelectionProfile,
  picks: ReadonlyMap<string, number>,
): number | undefined {
  const pick = picks.get(experience.id);
  if (
    experience.sticky === true &&
    pick !== undefined &&
    experience.distribution.some((d) => d.index === pick)
  ) {
    return pick;
  }
  const audience = experience.audience?.id;
  if (audience !== undefined && !profile.audiences.includes(audience)) return undefined;
  if (!(experience.trafficAllocation > experienceRandom('traffic', experience.id, profile.stableId))) {
    return undefined;
  }
  return variantIndexOf(
    experience.distribution,
    experienceRandom('distribution', experience.id, profile.stableId),
  );
}

/**
 * Selects, in configuration order, the experiences a profile entered and their variants
 * (section 8). A profile enters when it is in the audience (or there is none) and
 * `trafficAllocation > trafficRandom`; the variant comes from `distributionRandom`. A `sticky`
 * experience the profile already saw (`picks`, from its `component` events) keeps that variant
 * even when the audience or the traffic no longer lets it in. Answers one `SelectedVariantInfo`
 * per entered experience (`variants` maps every `EntryReplacement` baseline id to the chosen
 * entry id, the baseline to itself at index 0) and one `Change` per `InlineVariable`.
 *
 * @example
 * selectExperiences(environment.experiences, { stableId, audiences: ['news-readers'] }, new Map());
 * // { experiences: [{ experienceId: 'news-hero', variantIndex: 1, variants: { 'hero-default': 'hero-news' }, sticky: false }], changes: [] }
 */
export function selectExperiences(
  experiences: readonly ExperienceDefinition[],
  profile: SelectionProfile,
  picks: ReadonlyMap<string, number> = new Map(),
): ExperienceSelection {
  const selection: ExperienceSelection = { experiences: [], changes: [] };
  for (const experience of experiences) {
    const variantIndex = enteredIndex(experience, profile, picks);
    if (variantIndex === undefined) continue;
    const variants: Record<string, string> = {};
    for (const component of experience.components) {
      if (component.type === 'EntryReplacement') {
        const baselineId = component.baseline.id;
        variants[baselineId] =
          variantIndex === 0 ? baselineId : (component.variants[variantIndex - 1]?.id ?? baselineId);
      } else {
        const value =
          variantIndex === 0
            ? component.baseline.value
            : (component.variants[variantIndex - 1]?.value ?? component.baseline.value);
        selection.changes.push({
          type: 'Variable',
          key: component.key,
          value,
          meta: { experienceId: experience.id, variantIndex },
        });
      }
    }
    selection.experiences.push({
      experienceId: experience.id,
      variantIndex,
      variants,
      sticky: experience.sticky === true,
    });
  }
  return selection;
}
