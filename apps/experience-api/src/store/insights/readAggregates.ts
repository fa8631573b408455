import type { AudiencesReport } from '../../domain/insights/audienceReport';
import type { ExperienceCounts } from '../../domain/insights/countExperiences';
import { type ExperienceSeries, seriesDays } from '../../domain/insights/dailySeries';
import type { ExperienceRef, Period } from '../../domain/insights/facts';
import { conversionRate } from '../../domain/insights/statistics';
import type { SqlDialect } from '../sqlDialect';
import type { Execute } from '../sqlTransaction';
import type { Scope } from '../store';
import { aggregateQueries, type PeriodArgs } from './aggregateQueries';
import { DAY_MS } from './ingestInsights';

interface Arm {
  viewers: number;
  conversions: number;
}

function periodArgs(scope: Scope, period: Period, event: string, dialect: SqlDialect): PeriodArgs {
  return [
    scope.organization,
    scope.environment,
    Math.floor(period.from / DAY_MS),
    Math.floor((period.to - 1) / DAY_MS),
    period.from,
    period.to,
    // `track_event` is a key column.
    dialect.key(event),
  ];
}

function emptyArms(experience: ExperienceRef) {
  return {
    variants: Array.from({ length: experience.variantCount }, (): Arm => ({ viewers: 0, conversions: 0 })),
    holdout: { viewers: 0, conversions: 0 } as Arm,
  };
}

/** Adds an aggregate row (holdout flag, variant bit mask, viewers, conversions) to its arms. */
function addRow(arms: ReturnType<typeof emptyArms>, row: Record<string, unknown>): void {
  const add = (arm: Arm | undefined) => {
    if (!arm) return;
    arm.viewers += Number(row.viewers);
    arm.conversions += Number(row.conversions);
  };
  if (Number(row.holdout) === 1) {
    add(arms.holdout);
    return;
  }
  const mask = BigInt(String(row.mask));
  arms.variants.forEach((arm, index) => {
    if ((mask >> BigInt(index)) & 1n) add(arm);
  });
}

/**
 * The counts `buildReport` turns into the Insights report, aggregated by the database
 * (`aggregateQueries.arms`): per configured experience (in the given order) and variant, and the
 * holdout, the viewers in `period` and those who converted on `metricEvent`.
 *
 * @example
 * const counts = await readExperienceCounts(execute, dialect, scope, period, 'signup', experiences);
 */
export async function readExperienceCounts(
  execute: Execute,
  dialect: SqlDialect,
  scope: Scope,
  period: Period,
  metricEvent: string,
  experiences: readonly ExperienceRef[],
): Promise<ExperienceCounts[]> {
  const counts = new Map(experiences.map((experience) => [experience.id, emptyArms(experience)]));
  for (const row of await execute(
    aggregateQueries(dialect).arms(...periodArgs(scope, period, metricEvent, dialect)),
  )) {
    const arms = counts.get(dialect.unkey(row.experience_id as string));
    if (arms) addRow(arms, row);
  }
  return experiences.map((experience) => {
    const arms = counts.get(experience.id) ?? emptyArms(experience);
    return {
      experienceId: experience.id,
      type: experience.type,
      variants: arms.variants.map((arm, variantIndex) => ({ variantIndex, ...arm })),
      holdout: arms.holdout,
    };
  });
}

/**
 * The daily series of each configured experience (the same shape and rules as `dailySeries` in
 * `domain/insights`), aggregated by the database (`aggregateQueries.dailyArms`).
 *
 * @example
 * const series = await readDailySeries(execute, dialect, scope, period, 'signup', experiences);
 */
export async function readDailySeries(
  execute: Execute,
  dialect: SqlDialect,
  scope: Scope,
  period: Period,
  metricEvent: string,
  experiences: readonly ExperienceRef[],
): Promise<ExperienceSeries[]> {
  const days = seriesDays(period);
  const firstDay = Math.floor((days[0] ?? 0) / DAY_MS);
  const series = new Map(
    experiences.map((experience) => [experience.id, days.map(() => emptyArms(experience))]),
  );
  for (const row of await execute(
    aggregateQueries(dialect).dailyArms(...periodArgs(scope, period, metricEvent, dialect)),
  )) {
    const point = series.get(dialect.unkey(row.experience_id as string))?.[Number(row.day) - firstDay];
    if (point) addRow(point, row);
  }
  return experiences.map((experience) => ({
    experienceId: experience.id,
    daily: (series.get(experience.id) ?? []).map((point, d) => ({
      date: new Date(days[d] as number).toISOString().slice(0, 10),
      variants: point.variants.map((arm, variantIndex) => ({
        variantIndex,
        ...arm,
        conversionRate: conversionRate(arm),
      })),
      holdout: { ...point.holdout, conversionRate: conversionRate(point.holdout) },
    })),
  }));
}

/**
 * The per-audience report (the same shape and rules as `buildAudienceReport`), aggregated by
 * the database per distinct audience list of the profiles Insights saw in the period.
 *
 * @example
 * const report = await readAudienceReport(execute, dialect, scope, period, ['news-readers']);
 */
export async function readAudienceReport(
  execute: Execute,
  dialect: SqlDialect,
  scope: Scope,
  period: Period,
  audienceIds: readonly string[],
): Promise<AudiencesReport> {
  const q = aggregateQueries(dialect);
  const { organization: org, environment: env } = scope;
  const tallies = new Map(
    audienceIds.map((id) => [id, { profiles: 0, components: new Map<string, number>() }]),
  );
  const tallyOf = (audiences: string) =>
    [...new Set(JSON.parse(audiences) as string[])].flatMap((id) => {
      const tally = tallies.get(id);
      return tally ? [tally] : [];
    });
  for (const row of await execute(q.audienceSets(org, env, period.from, period.to))) {
    for (const tally of tallyOf(row.audiences as string)) tally.profiles += Number(row.profiles);
  }
  const [, , fromDay, toDay] = periodArgs(scope, period, '', dialect);
  for (const row of await execute(q.audienceComponents(org, env, fromDay, toDay, period.from, period.to))) {
    const componentId = dialect.unkey(row.component_id as string);
    for (const tally of tallyOf(row.audiences as string)) {
      tally.components.set(componentId, (tally.components.get(componentId) ?? 0) + Number(row.viewers));
    }
  }
  return {
    from: new Date(period.from).toISOString(),
    to: new Date(period.to).toISOString(),
    audiences: audienceIds.map((audienceId) => {
      const tally = tallies.get(audienceId) ?? { profiles: 0, components: new Map<string, number>() };
      const components = [...tally.components]
        .map(([componentId, viewers]) => ({ componentId, viewers }))
        .sort((x, y) => y.viewers - x.viewers || (x.componentId < y.componentId ? -1 : 1));
      return { audienceId, profiles: tally.profiles, components };
    }),
  };
}
