import type { AudienceDefinition } from '../config/config';
import type { StoredEvent, StoredProfile, StoreTransaction } from '../store/store';
import { evaluateAudiences } from './audiences';
import type { ExperienceDefinition } from './experiences/experienceTypes';
import { selectExperiences } from './experiences/selectExperiences';
import { stickyPicks } from './experiences/stickyPicks';
import { sessionStatistics, splitSessions } from './sessions';
import type { Profile, ProfileResponseData } from './types';
import { LIMITS } from './validate';

/** What an environment defines that a profile answer evaluates. */
export interface EnvironmentDefinitions {
  audiences: readonly AudienceDefinition[];
  experiences: readonly ExperienceDefinition[];
}

// Bounded: a profile with a long (or merged) history costs no more to answer than one with
// LIMITS.evaluatedEvents events.
const latestEvents = (tx: StoreTransaction, stored: StoredProfile) =>
  tx.listEvents(stored.id, { latest: LIMITS.evaluatedEvents });

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
  return profileOf(stored, await latestEvents(tx, stored), audiences, now);
}

const stickyIds = new WeakMap<readonly ExperienceDefinition[], string[]>();

/** The ids of an environment's sticky experiences (computed once per configuration). */
function stickyExperienceIds(experiences: readonly ExperienceDefinition[]): string[] {
  let ids = stickyIds.get(experiences);
  if (!ids) {
    ids = experiences.filter((experience) => experience.sticky === true).map((experience) => experience.id);
    stickyIds.set(experiences, ids);
  }
  return ids;
}

/**
 * `data` of a profile endpoint (section 4): the profile, the experiences it entered and the
 * changes of their inline variables. Audiences read the latest `LIMITS.evaluatedEvents` events;
 * sticky experiences keep the variant their first `component` event recorded, however old.
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
  // One read for the latest events and the first component event of each sticky experience
  // (one indexed look-up each, found however long the history is).
  const { events, firsts } = await tx.readProfileEvents(stored.id, {
    latest: LIMITS.evaluatedEvents,
    experienceIds: stickyExperienceIds(environment.experiences),
  });
  const profile = profileOf(stored, events, environment.audiences, now);
  const picks = stickyPicks(firsts.filter((first): first is StoredEvent => first !== undefined));
  return { profile, ...selectExperiences(environment.experiences, profile, picks) };
}
