import type { Reference } from './experienceTypes';
import { type ExperienceInput, mapExperience } from './mapExperience';

/**
 * `true` when `input` is a v7 plain experience definition that `mapExperience` accepts (the
 * same checks, without the error).
 *
 * @example
 * ```ts
 * import { isExperienceEntry, mapExperience } from '@ninetailed/experience.js';
 * const experiences = cmsEntries.filter(isExperienceEntry).map(mapExperience);
 * ```
 */
export function isExperienceEntry<Variant extends Reference = Reference>(
  input: unknown,
): input is ExperienceInput<Variant> {
  try {
    mapExperience(input as ExperienceInput<Variant>);
    return true;
  } catch {
    return false;
  }
}
