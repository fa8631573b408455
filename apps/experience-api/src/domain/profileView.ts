import type { AudienceDefinition } from '../config/config';
import type { StoredProfile, StoreTransaction } from '../store/store';
import { evaluateAudiences } from './audiences';
import { sessionStatistics, splitSessions } from './sessions';
import type { Profile, ProfileResponseData } from './types';
import { LIMITS } from './validate';

/**
 * The profile as answered (section 4): stored fields plus the session statistics and audiences
 * computed from the profile's latest events (at most `LIMITS.evaluatedEvents`) at time `now`.
 *
 * @example
 * const profile = await viewProfile(tx, stored, environment.audiences, now);
 */
export async function viewProfile(
  tx: StoreTransaction,
  stored: StoredProfile,
  audiences: readonly AudienceDefinition[],
  now: number,
): Promise<Profile> {
  // Bounded: a profile with a long (or merged) history costs no more to answer than one with
  // LIMITS.evaluatedEvents events.
  const events = await tx.listEvents(stored.id, { latest: LIMITS.evaluatedEvents });
  const sessions = splitSessions(events);
  return {
    id: stored.id,
    stableId: stored.stableId,
    random: stored.random,
    audiences: evaluateAudiences(audiences, {
      events,
      traits: stored.traits,
      location: stored.location,
      sessions,
      now,
    }),
    traits: stored.traits,
    location: stored.location,
    session: sessionStatistics(sessions, stored.id),
  };
}

/**
 * `data` of a profile endpoint: the profile and (until experiences are configured) no
 * experiences and no changes.
 *
 * @example
 * const data = profileData(profile); // { profile, experiences: [], changes: [] }
 */
export function profileData(profile: Profile): ProfileResponseData {
  return { profile, experiences: [], changes: [] };
}
