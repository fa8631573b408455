import { inPeriod, type Period, type ProfileFacts } from './facts';

/** One audience in the per-audience report. */
export interface AudienceReport {
  readonly audienceId: string;
  /** The given profiles that are in the audience. */
  readonly profiles: number;
  /** Per component id, the distinct profiles of the audience with a view of it in the period. */
  readonly components: readonly { readonly componentId: string; readonly viewers: number }[];
}

/** `data` of `GET …/insights/audiences` (issue 13). */
export interface AudiencesReport {
  readonly from: string;
  readonly to: string;
  readonly audiences: readonly AudienceReport[];
}

/**
 * For each audience (in the given order): how many of the given profiles are in it, and how
 * many of them saw each component (views with a `componentId` in the period; components sorted
 * by viewers, then id). The caller passes the profiles active in the period.
 *
 * @example
 * buildAudienceReport(profiles, ['news-readers'], period);
 * // { from, to, audiences: [{ audienceId: 'news-readers', profiles: 3, components: [{ componentId: 'hero-b', viewers: 2 }] }] }
 */
export function buildAudienceReport(
  profiles: Iterable<ProfileFacts>,
  audienceIds: readonly string[],
  period: Period,
): AudiencesReport {
  const tallies = audienceIds.map(() => ({ profiles: 0, components: new Map<string, number>() }));
  for (const profile of profiles) {
    const seen = new Set<string>();
    for (const view of profile.views) {
      if (view.componentId !== undefined && inPeriod(view.at, period)) seen.add(view.componentId);
    }
    audienceIds.forEach((id, a) => {
      const tally = tallies[a];
      if (tally === undefined || !profile.audiences?.includes(id)) return;
      tally.profiles += 1;
      for (const componentId of seen) {
        tally.components.set(componentId, (tally.components.get(componentId) ?? 0) + 1);
      }
    });
  }
  return {
    from: new Date(period.from).toISOString(),
    to: new Date(period.to).toISOString(),
    audiences: audienceIds.map((audienceId, a) => {
      const tally = tallies[a] as (typeof tallies)[number];
      const components = [...tally.components]
        .map(([componentId, viewers]) => ({ componentId, viewers }))
        .sort((x, y) => y.viewers - x.viewers || (x.componentId < y.componentId ? -1 : 1));
      return { audienceId, profiles: tally.profiles, components };
    }),
  };
}
