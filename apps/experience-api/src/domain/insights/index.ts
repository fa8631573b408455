/** Experience Insights, the pure part: statistics, counts and report shapes (issue 13). */

export type { AudienceReport, AudiencesReport } from './audienceReport';
export { buildAudienceReport } from './audienceReport';
export type {
  ExperienceReport,
  HoldoutReport,
  InsightsReport,
  ReportInput,
  VariantReport,
} from './buildReport';
export { buildReport, buildReportFromFacts } from './buildReport';
export type { ExperienceCounts, ProfileExposure, VariantCounts } from './countExperiences';
export { countExperiences, exposure } from './countExperiences';
export type { DailyArm, DailyPoint, ExperienceSeries } from './dailySeries';
export { dailySeries, MAX_SERIES_DAYS, seriesDays } from './dailySeries';
export type { ExperienceRef, Period, ProfileFacts, TrackFact, ViewFact } from './facts';
export { inPeriod } from './facts';
export type { Metric } from './resolveMetric';
export { resolveMetric } from './resolveMetric';
export * from './statistics';
