import type { StoredProfile, StoreTransaction } from '../store/store';
import { invalid, quote } from './errors';
import { isObject } from './json';
import { deepMerge, mergeProfiles } from './merge';
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
  let profile = start;
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
    const location = event.context?.location;
    if (isObject(location) && Object.keys(location).length > 0) profile.location = location;
    if (event.type === 'identify') profile = await identify(ctx, profile, event);
  }
  await tx.updateProfile(profile);
  return profile;
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
  return checkTraitsSize(mergeProfiles(profile, holder), event);
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
