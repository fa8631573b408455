import { evaluateAudiences } from './audiences';
import type { AudienceDefinition } from './config';
import type { ExperienceDefinition } from './experiences/experienceTypes';
import { selectExperiences } from './experiences/selectExperiences';
import { stickyPicks } from './experiences/stickyPicks';
import { sessionStatistics, splitSessions } from './sessions';
import type { StoredEvent, StoredProfile, StoreTransaction } from './store';
import type { Profile, ProfileResponseData } from './types';

/** What an environment defines that a profile answer evaluates. */
export interface EnvironmentDefinitions {
  audiences: readonly AudienceDefinition[];
  experiences: readonly ExperienceDefinition[];
}

function profileOf(
  stored: StoredProfile,
  events: StoredEvent[],
  audiences: readonly AudienceDefinition[],
  now: number,
): Profile {
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
 * The profile as answered (section 4): stored fields plus the session statistics and audiences
 * computed from the profile's events at time `now`.
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
  return profileOf(stored, await tx.listEvents(stored.id), audiences, now);
}

/**
 * `data` of a profile endpoint (section 4): the profile, the experiences it entered and the
 * changes of their inline variables, all from one read of the profile's events (sticky
 * experiences keep the variant its `component` events recorded).
 *
 * @example
 * const data = await viewProfileData(tx, stored, { audiences, experiences }, now);
 * // { profile, experiences: [{ experienceId, variantIndex, variants, sticky }], changes: [...] }
 */
export async function viewProfileData(
  tx: StoreTransaction,
  stored: StoredProfile,
  environment: EnvironmentDefinitions,
  now: number,
): Promise<ProfileResponseData> {
  const events = await tx.listEvents(stored.id);
  const profile = profileOf(stored, events, environment.audiences, now);
  return { profile, ...selectExperiences(environment.experiences, profile, stickyPicks(events)) };
}
