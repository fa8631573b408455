import { exposure } from './countExperiences';
import { type ExperienceRef, inPeriod, type Period, type ProfileFacts } from './facts';
import { conversionRate } from './statistics';

const DAY = 86_400_000;

/** The most days one series may hold (the endpoint answers 400 beyond). */
export const MAX_SERIES_DAYS = 400;

/** Viewers, conversions and rate of one arm on one day. */
export interface DailyArm {
  readonly viewers: number;
  readonly conversions: number;
  readonly conversionRate: number | null;
}

/** One UTC day of an experience's series. */
export interface DailyPoint {
  /** `YYYY-MM-DD`, UTC. */
  readonly date: string;
  readonly variants: readonly (DailyArm & { readonly variantIndex: number })[];
  readonly holdout: DailyArm;
}

/** The daily series of one experience (the dashboard's line chart). */
export interface ExperienceSeries {
  readonly experienceId: string;
  readonly daily: readonly DailyPoint[];
}

/**
 * The UTC days `[from, to)` touches, as epoch ms of each day's midnight.
 *
 * @example
 * seriesDays({ from: Date.parse('2026-01-01T12:00Z'), to: Date.parse('2026-01-03T00:00Z') }).length; // 2
 */
export function seriesDays(period: Period): number[] {
  const first = Math.floor(period.from / DAY) * DAY;
  const days: number[] = [];
  for (let day = first; day < period.to; day += DAY) {
    days.push(day);
    if (days.length > MAX_SERIES_DAYS) {
      throw new RangeError(`[ninetailed] a daily series spans at most ${MAX_SERIES_DAYS} days`);
    }
  }
  return days;
}

/**
 * Per experience, per UTC day of the period (every day, zeros included), per variant and the
 * holdout: `viewers` = distinct profiles with a view of it that day (within the period);
 * `conversions` = those of them with a `metricEvent` track event that same day, at or after
 * their first view of the experience in the period. The days are independent (a profile seen
 * on two days counts on both), so they do not sum to the period's totals.
 *
 * @example
 * dailySeries(profiles, [{ id: 'cta-test', type: 'nt_experiment', variantCount: 2 }], 'signup', period);
 */
export function dailySeries(
  profiles: Iterable<ProfileFacts>,
  experiences: readonly ExperienceRef[],
  metricEvent: string,
  period: Period,
): ExperienceSeries[] {
  const days = seriesDays(period);
  const first = days[0] ?? 0;
  const series = experiences.map((experience) =>
    days.map(() => ({
      variants: Array.from({ length: experience.variantCount }, () => ({ viewers: 0, conversions: 0 })),
      holdout: { viewers: 0, conversions: 0 },
    })),
  );
  for (const profile of profiles) {
    experiences.forEach((experience, e) => {
      const seen = exposure(profile, experience, metricEvent, period);
      if (seen === null) return;
      const viewedOn = new Map<number, Set<number>>();
      for (const view of profile.views) {
        if (view.experienceId !== experience.id || !inPeriod(view.at, period)) continue;
        if (!seen.variantIndexes.has(view.variantIndex)) continue;
        const day = Math.floor((view.at - first) / DAY);
        const set = viewedOn.get(day) ?? new Set<number>();
        set.add(view.variantIndex);
        viewedOn.set(day, set);
      }
      for (const [day, indexes] of viewedOn) {
        const start = Math.max(first + day * DAY, seen.firstViewAt);
        const end = Math.min(first + (day + 1) * DAY, period.to);
        const converted = profile.tracks.some((t) => t.event === metricEvent && t.at >= start && t.at < end);
        const point = series[e]?.[day];
        if (point === undefined) continue;
        const arms = seen.holdout ? [point.holdout] : [...indexes].map((i) => point.variants[i]);
        for (const arm of arms) {
          if (arm === undefined) continue;
          arm.viewers += 1;
          if (converted) arm.conversions += 1;
        }
      }
    });
  }
  return experiences.map((experience, e) => ({
    experienceId: experience.id,
    daily: days.map((day, d) => {
      const point = series[e]?.[d] as (typeof series)[number][number];
      return {
        date: new Date(day).toISOString().slice(0, 10),
        variants: point.variants.map((arm, variantIndex) => ({
          variantIndex,
          ...arm,
          conversionRate: conversionRate(arm),
        })),
        holdout: { ...point.holdout, conversionRate: conversionRate(point.holdout) },
      };
    }),
  }));
}
