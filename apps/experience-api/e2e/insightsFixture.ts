import { prng } from '../scripts/prng.mjs';
import { buildReportFromFacts } from '../src/domain/insights/buildReport';
import { dailySeries } from '../src/domain/insights/dailySeries';
import type { ExperienceRef, ProfileFacts } from '../src/domain/insights/facts';
import type { Metric } from '../src/domain/insights/resolveMetric';

/** The fixed "now" of the fixture: the default period is the 30 days before it. */
export const NOW = Date.parse('2026-03-01T00:00:00Z');
const DAY = 86_400_000;

export const metrics: Metric[] = [
  { id: 'signup', name: 'Signed up', event: 'signup' },
  { id: 'add_to_cart', name: 'add_to_cart', event: 'add_to_cart' },
];

export const experiences: ExperienceRef[] = [
  { id: 'cta-test', type: 'nt_experiment', variantCount: 2 },
  { id: 'hero-news', type: 'nt_personalization', variantCount: 2 },
  { id: 'pricing-page', type: 'nt_experiment', variantCount: 3 },
];

/** 1,500 profiles over the 21 days before NOW with known true rates per arm. */
export function seededProfiles(): ProfileFacts[] {
  const next = prng(13);
  const rates: Record<string, number[]> = {
    'cta-test': [0.1, 0.13],
    'hero-news': [0.08, 0.11],
    'pricing-page': [0.05, 0.06, 0.04],
  };
  return Array.from({ length: 1500 }, (_, p) => {
    const firstSeen = NOW - 21 * DAY + Math.floor(next() * 21 * DAY);
    const views: ProfileFacts['views'][number][] = [];
    const tracks: ProfileFacts['tracks'][number][] = [];
    const holdoutOf: string[] = [];
    for (const experience of experiences) {
      if (next() < 0.3) continue; // not every profile sees every experience
      const at = Math.min(NOW - 1, firstSeen + Math.floor(next() * 3 * 3_600_000));
      const inHoldout = experience.type === 'nt_personalization' && next() < 0.2;
      const variantIndex = inHoldout
        ? 0
        : experience.type === 'nt_personalization'
          ? 1
          : Math.floor(next() * experience.variantCount);
      if (inHoldout) holdoutOf.push(experience.id);
      views.push({
        experienceId: experience.id,
        variantIndex,
        componentId: `${experience.id}-${variantIndex}`,
        at,
      });
      const rate = inHoldout ? (rates[experience.id]?.[0] ?? 0) : (rates[experience.id]?.[variantIndex] ?? 0);
      if (next() < rate)
        tracks.push({ event: 'signup', at: Math.min(NOW - 1, at + Math.floor(next() * 3_600_000)) });
      if (next() < rate * 2) tracks.push({ event: 'add_to_cart', at: Math.min(NOW - 1, at + 60_000) });
    }
    return { profileId: `profile-${p}`, views, tracks, holdoutOf };
  });
}

/**
 * `data` of `GET …/insights/experiences?metric=&from=&to=&series=daily` for the fixture, as the
 * endpoint should answer it (default period: the 30 days before NOW).
 */
export function reportFor(profiles: ProfileFacts[], query: URLSearchParams) {
  const metric = metrics.find((m) => m.id === (query.get('metric') ?? 'signup')) ?? (metrics[0] as Metric);
  const to = query.has('to') ? Date.parse(query.get('to') as string) : NOW;
  const from = query.has('from') ? Date.parse(query.get('from') as string) : to - 30 * DAY;
  const period = { from, to };
  const report = buildReportFromFacts(profiles, { metric, period, experiences });
  if (query.get('series') !== 'daily') return report;
  const series = dailySeries(profiles, experiences, metric.event, period);
  return {
    ...report,
    experiences: report.experiences.map((experience, i) => ({
      ...experience,
      daily: series[i]?.daily ?? [],
    })),
  };
}
