import type { InsightsReport } from '../../domain/insights/buildReport';
import type { ExperienceSeries } from '../../domain/insights/dailySeries';
import type { Metric } from '../../domain/insights/resolveMetric';

/** `data` of `GET …/insights/experiences?…&series=daily`: the report, each experience with its daily series. */
export interface ReportWithSeries extends InsightsReport {
  readonly experiences: readonly (InsightsReport['experiences'][number] & {
    readonly daily?: ExperienceSeries['daily'];
  })[];
}

/** `data` of `GET …/insights/metrics`. */
export interface MetricsList {
  readonly metrics: readonly Metric[];
}

/** The API's envelope (experience-api.md section 4). */
export interface Envelope<T> {
  readonly data: T | null;
  readonly message: string;
  readonly error: { readonly code?: string; readonly message?: string } | null;
}
