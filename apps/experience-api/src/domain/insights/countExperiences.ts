import { type ExperienceRef, inPeriod, type Period, type ProfileFacts } from './facts';
import type { Arm } from './statistics';

/** Viewers and conversions of one variant. */
export interface VariantCounts extends Arm {
  readonly variantIndex: number;
}

/** Pre-aggregated counts of one experience: what `buildReport` turns into a report. */
export interface ExperienceCounts {
  readonly experienceId: string;
  readonly type: ExperienceRef['type'];
  readonly variants: readonly VariantCounts[];
  readonly holdout: Arm;
}

/**
 * What one profile contributes to one experience in a period: the variants it saw, whether it
 * is in the holdout, its first view and whether it converted.
 */
export interface ProfileExposure {
  readonly variantIndexes: ReadonlySet<number>;
  readonly holdout: boolean;
  readonly firstViewAt: number;
  readonly converted: boolean;
}

/**
 * The exposure of `profile` to `experience` in `period`, or `null` without a view there. Views
 * with a variant index outside the definition are ignored. A profile in the experience's
 * holdout counts in the holdout, whatever index its views carry. It converted when it has a
 * `metricEvent` track event at or after its first view of the experience and before `to`.
 *
 * @example
 * exposure(profile, { id: 'cta-test', type: 'nt_experiment', variantCount: 2 }, 'signup', period);
 */
export function exposure(
  profile: ProfileFacts,
  experience: ExperienceRef,
  metricEvent: string,
  period: Period,
): ProfileExposure | null {
  let firstViewAt = Number.POSITIVE_INFINITY;
  const variantIndexes = new Set<number>();
  for (const view of profile.views) {
    if (view.experienceId !== experience.id || !inPeriod(view.at, period)) continue;
    if (!Number.isInteger(view.variantIndex) || view.variantIndex < 0) continue;
    if (view.variantIndex >= experience.variantCount) continue;
    variantIndexes.add(view.variantIndex);
    if (view.at < firstViewAt) firstViewAt = view.at;
  }
  if (variantIndexes.size === 0) return null;
  const converted = profile.tracks.some(
    (track) => track.event === metricEvent && track.at >= firstViewAt && track.at < period.to,
  );
  const holdout = profile.holdoutOf?.includes(experience.id) ?? false;
  return { variantIndexes, holdout, firstViewAt, converted };
}

/**
 * Counts, per experience and variant (and holdout), the distinct profiles with a view in the
 * period (`viewers`) and those of them who converted (`conversions`, see {@link exposure}). A
 * profile that saw two variants counts once in each. Experiences come out in the given order,
 * every variant of the definition included.
 *
 * @example
 * countExperiences(profiles, [{ id: 'cta-test', type: 'nt_experiment', variantCount: 2 }], 'signup', period);
 */
export function countExperiences(
  profiles: Iterable<ProfileFacts>,
  experiences: readonly ExperienceRef[],
  metricEvent: string,
  period: Period,
): ExperienceCounts[] {
  const counts = experiences.map((experience) => ({
    experience,
    variants: Array.from({ length: experience.variantCount }, () => ({ viewers: 0, conversions: 0 })),
    holdout: { viewers: 0, conversions: 0 },
  }));
  for (const profile of profiles) {
    for (const entry of counts) {
      const seen = exposure(profile, entry.experience, metricEvent, period);
      if (seen === null) continue;
      const arms = seen.holdout ? [entry.holdout] : [...seen.variantIndexes].map((i) => entry.variants[i]);
      for (const arm of arms) {
        if (arm === undefined) continue;
        arm.viewers += 1;
        if (seen.converted) arm.conversions += 1;
      }
    }
  }
  return counts.map(({ experience, variants, holdout }) => ({
    experienceId: experience.id,
    type: experience.type,
    variants: variants.map((arm, variantIndex) => ({ variantIndex, ...arm })),
    holdout,
  }));
}
