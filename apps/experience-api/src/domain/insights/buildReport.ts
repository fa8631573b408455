import { countExperiences, type ExperienceCounts } from './countExperiences';
import type { ExperienceRef, Period, ProfileFacts } from './facts';
import { type Arm, conversionRate, probabilityToBeBest, type Uplift, uplift } from './statistics';

/** One variant's line of the report. */
export interface VariantReport {
  readonly variantIndex: number;
  readonly viewers: number;
  readonly conversions: number;
  readonly conversionRate: number | null;
  readonly uplift: Uplift | null;
  readonly probabilityToBeBest: number | null;
}

/** The holdout's line: visitors of the audience outside the traffic share. */
export interface HoldoutReport {
  readonly viewers: number;
  readonly conversions: number;
  readonly conversionRate: number | null;
}

/** One experience in the report. */
export interface ExperienceReport {
  readonly experienceId: string;
  readonly type: ExperienceRef['type'];
  readonly control: 'baseline' | 'holdout';
  readonly variants: readonly VariantReport[];
  readonly holdout: HoldoutReport;
}

/** `data` of `GET …/insights/experiences` (issue 13). */
export interface InsightsReport {
  readonly metric: string;
  readonly from: string;
  readonly to: string;
  readonly experiences: readonly ExperienceReport[];
}

/** The counts and the labels a report is built from. */
export interface ReportInput {
  /** The metric's id. */
  readonly metric: string;
  readonly period: Period;
  readonly experiences: readonly ExperienceCounts[];
}

function experienceReport(counts: ExperienceCounts): ExperienceReport {
  const control = counts.type === 'nt_experiment' ? 'baseline' : 'holdout';
  const controlArm: Arm | undefined = control === 'baseline' ? counts.variants[0] : counts.holdout;
  // Arms without viewers take no part (their posterior is the prior): probability null.
  const competitors: Arm[] =
    control === 'holdout' ? [counts.holdout, ...counts.variants] : [...counts.variants];
  const active = competitors.filter((arm) => arm.viewers > 0);
  const best = new Map<Arm, number>();
  probabilityToBeBest(active).forEach((p, i) => {
    best.set(active[i] as Arm, p);
  });
  return {
    experienceId: counts.experienceId,
    type: counts.type,
    control,
    variants: counts.variants.map((arm) => ({
      variantIndex: arm.variantIndex,
      viewers: arm.viewers,
      conversions: arm.conversions,
      conversionRate: conversionRate(arm),
      uplift: controlArm === undefined || arm === controlArm ? null : uplift(arm, controlArm),
      probabilityToBeBest: best.get(arm) ?? null,
    })),
    holdout: {
      viewers: counts.holdout.viewers,
      conversions: counts.holdout.conversions,
      conversionRate: conversionRate(counts.holdout),
    },
  };
}

/**
 * The Insights report from pre-aggregated counts. Rules: the control is variant 0 for
 * experiments and the holdout for personalizations; `uplift` is against the control (`null` for
 * the control itself, see `statistics.uplift` for the other nulls); `probabilityToBeBest`
 * competes the variants (plus the holdout for personalizations, whose share is
 * `1 − Σ variants`) that have viewers, `null` for a variant without viewers.
 *
 * @example
 * buildReport({ metric: 'signup', period: { from, to }, experiences: [
 *   { experienceId: 'cta-test', type: 'nt_experiment', holdout: { viewers: 0, conversions: 0 },
 *     variants: [{ variantIndex: 0, viewers: 1000, conversions: 100 }, { variantIndex: 1, viewers: 1000, conversions: 120 }] },
 * ] }); // variants[1].probabilityToBeBest ≈ 0.923
 */
export function buildReport(input: ReportInput): InsightsReport {
  return {
    metric: input.metric,
    from: new Date(input.period.from).toISOString(),
    to: new Date(input.period.to).toISOString(),
    experiences: input.experiences.map(experienceReport),
  };
}

/**
 * The Insights report from per-profile facts: `countExperiences` then {@link buildReport}.
 *
 * @example
 * buildReportFromFacts(profiles, { metric: { id: 'signup', event: 'signup' }, period, experiences });
 */
export function buildReportFromFacts(
  profiles: Iterable<ProfileFacts>,
  options: {
    readonly metric: { readonly id: string; readonly event: string };
    readonly period: Period;
    readonly experiences: readonly ExperienceRef[];
  },
): InsightsReport {
  return buildReport({
    metric: options.metric.id,
    period: options.period,
    experiences: countExperiences(profiles, options.experiences, options.metric.event, options.period),
  });
}
