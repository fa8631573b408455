import type { Period, ProfileFacts, TrackFact, ViewFact } from '../../domain/insights/facts';
import type { SqlDialect } from '../sqlDialect';
import type { Execute } from '../sqlTransaction';
import type { Scope } from '../store';
import { DAY_MS } from './ingestInsights';
import { insightQueries } from './insightQueries';

interface MutableFacts {
  profileId: string;
  views: ViewFact[];
  tracks: TrackFact[];
  holdoutOf: string[];
  audiences?: string[];
}

/** What {@link readProfileFacts} loads besides the views. */
export interface FactsOptions {
  /** The metric's `track` event name: its events in the period become `tracks`. */
  readonly metricEvent?: string;
  /** Load the audiences Insights last saw each profile with (the per-audience report). */
  readonly audiences?: boolean;
}

/**
 * The facts of the profiles Insights saw in `period`, for the pure reports of
 * `domain/insights` (so the HTTP answers are exactly `buildReport` on these facts):
 * - one view per stored row (profile × experience × variant × component × UTC day) with a
 *   view in the period, at its first view that day, or at `from` when that was earlier (a
 *   profile whose views that day straddle `from` counts from `from`: the rows keep the day's
 *   first and last view, not each one);
 * - the metric's `track` events received in the period (one indexed range read);
 * - `holdoutOf`: the personalizations whose holdout a row put the profile in.
 *
 * @example
 * const facts = await readProfileFacts(execute, dialect, scope, period, { metricEvent: 'signup' });
 */
export async function readProfileFacts(
  execute: Execute,
  dialect: SqlDialect,
  { organization: org, environment: env }: Scope,
  period: Period,
  options: FactsOptions = {},
): Promise<ProfileFacts[]> {
  const q = insightQueries(dialect);
  const { unkey } = dialect;
  const byProfile = new Map<string, MutableFacts>();
  const factsOf = (profileId: string): MutableFacts => {
    let facts = byProfile.get(profileId);
    if (!facts) {
      facts = { profileId, views: [], tracks: [], holdoutOf: [] };
      byProfile.set(profileId, facts);
    }
    return facts;
  };
  const fromDay = Math.floor(period.from / DAY_MS);
  const toDay = Math.floor((period.to - 1) / DAY_MS);
  const rows = await execute(q.listViews(org, env, fromDay, toDay, period.from, period.to));
  for (const row of rows) {
    const facts = factsOf(row.profile_id as string);
    const experienceId = unkey(row.experience_id as string);
    const variantIndex = Number(row.variant_index);
    const at = Math.max(Number(row.first_at), period.from);
    const componentId = unkey(row.component_id as string);
    if (experienceId !== '' && variantIndex >= 0)
      facts.views.push({ experienceId, variantIndex, componentId, at });
    else facts.views.push({ experienceId: '', variantIndex: -1, componentId, at });
    if (Number(row.holdout) === 1 && !facts.holdoutOf.includes(experienceId))
      facts.holdoutOf.push(experienceId);
  }
  if (options.metricEvent !== undefined) {
    for (const row of await execute(q.listTracks(org, env, options.metricEvent, period.from, period.to))) {
      const facts = byProfile.get(row.profile_id as string);
      // Only viewers can convert: tracks of profiles without a view need no facts.
      facts?.tracks.push({ event: options.metricEvent, at: Number(row.received_at) });
    }
  }
  if (options.audiences) {
    for (const row of await execute(q.listProfiles(org, env, period.from, period.to))) {
      factsOf(row.profile_id as string).audiences = JSON.parse(row.audiences as string);
    }
  }
  return [...byProfile.values()];
}

/**
 * The names of the accepted `track` events of a scope, sorted (every one is a metric when the
 * environment names none).
 *
 * @example
 * await readTrackNames(execute, dialect, scope); // ['add_to_cart', 'signup']
 */
export async function readTrackNames(execute: Execute, dialect: SqlDialect, scope: Scope): Promise<string[]> {
  const rows = await execute(insightQueries(dialect).listTrackNames(scope.organization, scope.environment));
  return rows.map((row) => row.event).filter((name): name is string => typeof name === 'string');
}
