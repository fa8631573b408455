import type { AudienceDefinition } from '../config/config';
import type { StoredEvent, StoredProfile, StoreTransaction } from '../store/store';
import { evaluateAudiences } from './audiences';
import type { ExperienceDefinition } from './experiences/experienceTypes';
import { selectExperiences } from './experiences/selectExperiences';
import { stickyPicks } from './experiences/stickyPicks';
import { currentDigest } from './ingest';
import { digestLeaves, digestSessionStatistics, digestView, type ProfileDigest } from './profileDigest';
import type { Profile, ProfileResponseData } from './types';

/** What an environment defines that a profile answer evaluates. */
export interface EnvironmentDefinitions {
  audiences: readonly AudienceDefinition[];
  experiences: readonly ExperienceDefinition[];
}

/**
 * The profile as answered from its read model (the digest must be current for `audiences`).
 */
function profileOf(
  stored: StoredProfile,
  digest: ProfileDigest,
  audiences: readonly AudienceDefinition[],
  now: number,
): Profile {
  const leaves = digestLeaves(audiences);
  return {
    id: stored.id,
    stableId: stored.stableId,
    random: stored.random,
    audiences: evaluateAudiences(audiences, digestView(digest, leaves, stored.traits, stored.location, now)),
    traits: stored.traits,
    location: stored.location,
    session: digestSessionStatistics(digest, stored.id),
  };
}

/**
 * The profile as answered (section 4): stored fields plus the session statistics and audiences
 * at time `now`, from the profile's read model (one row, however long the history; rebuilt
 * from the events only when it counts other audiences or predates it).
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
  return profileOf(stored, await currentDigest(tx, stored, digestLeaves(audiences)), audiences, now);
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
 * changes of their inline variables. Audiences and sessions come from the profile's read model;
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
  // One read for the first component event of each sticky experience (one indexed look-up
  // each, found however long the history is); audiences and sessions come from the digest.
  const { firsts } = await tx.readProfileEvents(stored.id, {
    latest: 0,
    experienceIds: stickyExperienceIds(environment.experiences),
  });
  const digest = await currentDigest(tx, stored, digestLeaves(environment.audiences));
  const profile = profileOf(stored, digest, environment.audiences, now);
  const picks = stickyPicks(firsts.filter((first): first is StoredEvent => first !== undefined));
  return { profile, ...selectExperiences(environment.experiences, profile, picks) };
}
