import type { MetricDefinition } from '../config/config';
import { invalid, quote } from '../domain/errors';
import { buildReport } from '../domain/insights/buildReport';
import { MAX_SERIES_DAYS } from '../domain/insights/dailySeries';
import type { ExperienceRef, Period } from '../domain/insights/facts';
import { type Metric, resolveMetric } from '../domain/insights/resolveMetric';
import { validateIngestBody } from '../domain/insights/validateIngest';
import { isDateTime } from '../domain/validate';
import { ingestInsights } from '../store/insights/ingestInsights';
import { readAudienceReport, readDailySeries, readExperienceCounts } from '../store/insights/readAggregates';
import { readTrackNames } from '../store/insights/readInsights';
import { type ApiRequest, type ApiResponse, type HandlerContext, ok, resolveScope } from './handlers';

/** The default report period: the last 30 days. */
export const DEFAULT_PERIOD_DAYS = 30;
const DAY = 86_400_000;

function scopeOf(ctx: HandlerContext, request: ApiRequest) {
  const { org, env } = request.params;
  const resolved = resolveScope(ctx.config, org ?? '', env ?? '');
  const environment = ctx.config.organizations[org ?? '']?.environments[env ?? ''];
  return { ...resolved, metrics: environment?.metrics };
}

/**
 * `POST /v1/organizations/{org}/environments/{env}/events`: Insights ingest, as v7's Insights
 * plugin sends it (`[ { profile, events } ]`, JSON or `text/plain`). Idempotent by `messageId`.
 * Answers `{ accepted, duplicates }` in the success envelope.
 *
 * @example
 * await ingestHandler(ctx, request); // { status: 200, body: { data: { accepted: 3, duplicates: 0 }, … } }
 */
export async function ingestHandler(ctx: HandlerContext, request: ApiRequest): Promise<ApiResponse> {
  const { scope, experiences } = scopeOf(ctx, request);
  const batches = validateIngestBody(await request.json());
  const now = ctx.now();
  const outcome = await ctx.store.statements({ commit: true }, (execute, dialect) =>
    ingestInsights(execute, dialect, scope, batches, { now, experiences }),
  );
  return ok(outcome);
}

/**
 * The `[from, to)` of a report request: ISO 8601 `from` and `to`, default the 30 UTC days up to
 * the end of today. 400 naming the parameter for a malformed date or `from` not before `to`.
 *
 * @example
 * periodOf(new URLSearchParams('from=2026-01-01T00:00:00Z'), Date.now());
 */
export function periodOf(query: URLSearchParams, now: number): Period {
  const parse = (name: 'from' | 'to'): number | undefined => {
    const value = query.get(name);
    if (value === null) return undefined;
    if (!isDateTime(value)) {
      throw invalid(name, `must be an ISO 8601 date-time such as 2026-01-01T00:00:00Z, got ${quote(value)}`);
    }
    return Date.parse(value);
  };
  // Default: up to the end of the current UTC day, so today's events are in and days are whole.
  const to = parse('to') ?? (Math.floor(now / DAY) + 1) * DAY;
  const from = parse('from') ?? to - DEFAULT_PERIOD_DAYS * DAY;
  if (!(from < to)) throw invalid('from', 'must be before to');
  return { from, to };
}

function metricOf(query: URLSearchParams, configured: readonly MetricDefinition[] | undefined): Metric {
  const id = query.get('metric');
  if (id === null || id === '')
    throw invalid('metric', 'query parameter is required (a metric id, see …/insights/metrics)');
  const metric = resolveMetric(configured, id);
  if (metric === null) {
    throw invalid(
      'metric',
      `unknown metric ${quote(id)} (configured: ${(configured ?? []).map((m) => m.id).join(', ')})`,
    );
  }
  return metric;
}

/**
 * `GET /v2/organizations/{org}/environments/{env}/insights/experiences?metric=&from=&to=[&series=daily]`:
 * per configured experience and variant, viewers, conversions, rate, uplift and probability to
 * be best (issue 13; `buildReport` on the stored facts). `series=daily` adds each experience's
 * daily series (at most 400 days).
 *
 * @example
 * await experiencesReportHandler(ctx, request); // { data: { metric, from, to, experiences: [...] } }
 */
export async function experiencesReportHandler(
  ctx: HandlerContext,
  request: ApiRequest,
): Promise<ApiResponse> {
  const { scope, experiences, metrics } = scopeOf(ctx, request);
  const metric = metricOf(request.query, metrics);
  const period = periodOf(request.query, ctx.now());
  const series = request.query.get('series');
  if (series !== null && series !== 'daily')
    throw invalid('series', `unknown series ${quote(series)} (expected daily)`);
  if (series === 'daily' && period.to - Math.floor(period.from / DAY) * DAY > MAX_SERIES_DAYS * DAY) {
    throw invalid('from', `a daily series spans at most ${MAX_SERIES_DAYS} days`);
  }
  const refs: ExperienceRef[] = experiences.map((experience) => ({
    id: experience.id,
    type: experience.type,
    variantCount: experience.distribution.length,
  }));
  const { counts, daily } = await ctx.store.statements({ commit: false }, async (execute, dialect) => ({
    counts: await readExperienceCounts(execute, dialect, scope, period, metric.event, refs),
    daily:
      series === 'daily'
        ? await readDailySeries(execute, dialect, scope, period, metric.event, refs)
        : undefined,
  }));
  const report = buildReport({ metric: metric.id, period, experiences: counts });
  if (daily === undefined) return ok(report);
  return ok({
    ...report,
    experiences: report.experiences.map((experience, i) => ({ ...experience, daily: daily[i]?.daily ?? [] })),
  });
}

/**
 * `GET …/insights/audiences?from=&to=`: per configured audience, the profiles Insights saw in it
 * in the period and how many of them saw each component.
 *
 * @example
 * await audiencesReportHandler(ctx, request); // { data: { from, to, audiences: [{ audienceId, profiles, components }] } }
 */
export async function audiencesReportHandler(ctx: HandlerContext, request: ApiRequest): Promise<ApiResponse> {
  const { scope, audiences } = scopeOf(ctx, request);
  const period = periodOf(request.query, ctx.now());
  const ids = audiences.map((audience) => audience.id);
  const report = await ctx.store.statements({ commit: false }, (execute, dialect) =>
    readAudienceReport(execute, dialect, scope, period, ids),
  );
  return ok(report);
}

/**
 * `GET …/insights/metrics`: the environment's metrics, or, when it names none, one per stored
 * `track` event name (id, name and event all that name). The dashboard's metric picker.
 *
 * @example
 * await metricsHandler(ctx, request); // { data: { metrics: [{ id: 'signup', name: 'Signed up', event: 'signup' }] } }
 */
export async function metricsHandler(ctx: HandlerContext, request: ApiRequest): Promise<ApiResponse> {
  const { scope, metrics } = scopeOf(ctx, request);
  if (metrics !== undefined) {
    return ok({ metrics: metrics.map(({ id, name, event }) => ({ id, name: name ?? id, event })) });
  }
  const names = await ctx.store.statements({ commit: false }, (execute, dialect) =>
    readTrackNames(execute, dialect, scope),
  );
  return ok({ metrics: names.map((name) => ({ id: name, name, event: name })) });
}
