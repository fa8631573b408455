/**
 * The inputs of the Insights reports (issue 13): what the store knows about each profile in a
 * period. Times are epoch milliseconds; a period is the half-open interval `[from, to)`.
 */

/** A view (`component` event of at least the view threshold) of one experience's variant. */
export interface ViewFact {
  readonly experienceId: string;
  readonly variantIndex: number;
  /** The viewed component's id (`componentId` of the event); the audience report needs it. */
  readonly componentId?: string;
  readonly at: number;
}

/** A `track` event. */
export interface TrackFact {
  readonly event: string;
  readonly at: number;
}

/** Everything the reports need about one profile. */
export interface ProfileFacts {
  readonly profileId: string;
  readonly views: readonly ViewFact[];
  readonly tracks: readonly TrackFact[];
  /** Experience ids whose holdout the profile is in (in the audience, outside the traffic share). */
  readonly holdoutOf?: readonly string[];
  /** The profile's audiences (for the per-audience report). */
  readonly audiences?: readonly string[];
}

/** What the reports need of an experience definition (section 8). */
export interface ExperienceRef {
  readonly id: string;
  readonly type: 'nt_personalization' | 'nt_experiment';
  /** Number of variants including the baseline: the definition's distribution entries. */
  readonly variantCount: number;
}

/** A reporting period `[from, to)` in epoch milliseconds. */
export interface Period {
  readonly from: number;
  readonly to: number;
}

/**
 * Whether `at` lies in the half-open period `[from, to)`.
 *
 * @example
 * inPeriod(5, { from: 0, to: 10 }); // true
 */
export function inPeriod(at: number, period: Period): boolean {
  return at >= period.from && at < period.to;
}
