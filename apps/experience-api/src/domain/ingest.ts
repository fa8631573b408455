import type { AudienceDefinition } from '../config/config';
import { factsOf, type StoredProfile, type StoreTransaction } from '../store/store';
import { invalid, quote } from './errors';
import { isObject } from './json';
import { deepMerge, mergeProfiles } from './merge';
import {
  type DigestLeaves,
  digestLeaves,
  digestOf,
  emptyDigest,
  foldEvent,
  isCurrentDigest,
} from './profileDigest';
import type { ExperienceEvent } from './types';
import { LIMITS } from './validate';

/**
 * The v7 SDK sends this alias for `identify('')` (traits only): it names nobody, so it must
 * never merge the profiles of everybody who set traits without an alias.
 */
export const EMPTY_MERGE_ID = 'nt:empty-merge-id';

/** What applying events needs besides the transaction. */
export interface IngestContext {
  tx: StoreTransaction;
  /** Server time of this request, in milliseconds. */
  now: number;
  newId: () => string;
  random: () => number;
  /** The environment's audiences: the profile's read model counts what their rules read. */
  audiences: readonly AudienceDefinition[];
}

/**
 * Creates and stores a new profile.
 *
 * @example
 * const profile = await createProfile(ctx); // fresh id, stableId and random
 */
export async function createProfile(ctx: IngestContext, id: string = ctx.newId()): Promise<StoredProfile> {
  const profile: StoredProfile = {
    id,
    stableId: ctx.newId(),
    random: ctx.random(),
    traits: {},
    location: {},
    createdAt: ctx.now,
    lastSeenAt: ctx.now,
    digest: emptyDigest(digestLeaves(ctx.audiences)),
  };
  await ctx.tx.insertProfile(profile);
  return profile;
}

/**
 * Applies events, in order, to a profile and returns the profile they end on: the same one, or
 * the profile it was merged into when an `identify` named an alias another profile holds.
 * An event whose `messageId` is already accepted is recorded as a duplicate and not applied.
 *
 * @example
 * const profile = await applyEvents(ctx, await createProfile(ctx), events);
 */
export async function applyEvents(
  ctx: IngestContext,
  start: StoredProfile,
  events: readonly ExperienceEvent[],
): Promise<StoredProfile> {
  const { tx, now } = ctx;
  const leaves = digestLeaves(ctx.audiences);
  // Folded in place: a copy, so the caller's profile stays as it was read.
  let profile: StoredProfile = {
    ...start,
    digest: isCurrentDigest(start.digest, leaves) ? structuredClone(start.digest) : undefined,
  };
  await tx.prefetchEvents(events.map((event) => event.messageId));
  for (const event of events) {
    const duplicate = (await tx.findEventOwner(event.messageId)) !== undefined;
    await tx.insertEvent({
      profileId: profile.id,
      messageId: event.messageId,
      receivedAt: now,
      duplicate,
      event,
    });
    if (duplicate) continue;
    profile = { ...profile, lastSeenAt: now };
    // Without a current digest the whole history is read once (the event just inserted included).
    if (profile.digest) {
      foldEvent(profile.digest, leaves, {
        seq: 0,
        profileId: profile.id,
        messageId: event.messageId,
        receivedAt: now,
        event: factsOf(event),
      });
    }
    const location = event.context?.location;
    if (isObject(location) && Object.keys(location).length > 0) profile.location = location;
    if (event.type === 'identify') profile = await identify(ctx, profile, event);
  }
  profile.digest = await currentDigest(tx, profile, leaves);
  await tx.updateProfile(profile);
  return profile;
}

/**
 * The profile's read model for these leaves: its own when current, else rebuilt from its whole
 * history (once: after a merge, a change of audiences, or for a profile stored before it).
 *
 * @example
 * profile.digest = await currentDigest(tx, profile, digestLeaves(audiences));
 */
export async function currentDigest(tx: StoreTransaction, profile: StoredProfile, leaves: DigestLeaves) {
  return isCurrentDigest(profile.digest, leaves)
    ? profile.digest
    : digestOf(await tx.listEvents(profile.id), leaves);
}

async function identify(
  ctx: IngestContext,
  current: StoredProfile,
  event: ExperienceEvent,
): Promise<StoredProfile> {
  const { tx } = ctx;
  let profile = current;
  if (event.traits) {
    profile = { ...profile, traits: deepMerge(profile.traits, event.traits) };
    checkTraitsSize(profile, event);
  }
  const alias = event.userId;
  if (!alias || alias === EMPTY_MERGE_ID) return profile;
  const holderId = await tx.findAlias(alias);
  if (holderId === undefined) {
    await tx.setAlias(alias, profile.id);
    return profile;
  }
  if (holderId === profile.id) return profile;
  const holder = await tx.getProfile(holderId);
  if (!holder) {
    // An alias row outliving its profile would be a bug elsewhere; take the alias over.
    await tx.setAlias(alias, profile.id);
    return profile;
  }
  // Another profile already holds the alias: this profile merges into it (section 6).
  await tx.updateProfile(profile);
  await tx.mergeProfile(profile.id, holder.id);
  // The histories interleave: the survivor's read model is rebuilt from them (see currentDigest).
  return checkTraitsSize({ ...mergeProfiles(profile, holder), digest: undefined }, event);
}

/** Refuses (400) an identify that would grow a profile's traits past {@link LIMITS}.traitsBytes. */
function checkTraitsSize(profile: StoredProfile, event: ExperienceEvent): StoredProfile {
  const bytes = Buffer.byteLength(JSON.stringify(profile.traits));
  if (bytes > LIMITS.traitsBytes) {
    throw invalid(
      'traits',
      `identify ${quote(event.messageId)} would grow the profile's traits to ${bytes} bytes as JSON; at most ${LIMITS.traitsBytes} are allowed`,
    );
  }
  return profile;
}

/**
 * Finds a profile by id, following the redirect a merge left when `followRedirects` is set.
 *
 * @example
 * const profile = await findProfile(tx, id, true);
 */
export async function findProfile(
  tx: StoreTransaction,
  id: string,
  followRedirects: boolean,
): Promise<StoredProfile | undefined> {
  const profile = await tx.getProfile(id);
  if (profile || !followRedirects) return profile;
  const target = await tx.getRedirect(id);
  return target === undefined ? undefined : tx.getProfile(target);
}
