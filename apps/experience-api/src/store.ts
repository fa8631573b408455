import type { EventContext, ExperienceEvent, GeoLocation, JsonObject } from './types';

/** The organisation and environment every stored row belongs to. */
export interface Scope {
  organization: string;
  environment: string;
}

/** A profile as stored (the response adds session and audiences, computed from events). */
export interface StoredProfile {
  id: string;
  stableId: string;
  random: number;
  traits: JsonObject;
  location: GeoLocation;
  createdAt: number;
  /** Server time of the profile's latest accepted event: decides who wins in a merge. */
  lastSeenAt: number;
}

/**
 * The parts of an event that sessions and audiences read. Stored beside the event as received,
 * so evaluating a profile parses a fraction of its history's bytes.
 */
export interface EventFacts {
  type: ExperienceEvent['type'];
  event?: string;
  properties?: JsonObject;
  context?: Pick<EventContext, 'campaign' | 'page'>;
}

/**
 * The facts of an event (see {@link EventFacts}).
 *
 * @example
 * factsOf(event); // { type: 'page', properties: {...}, context: { campaign: {}, page: {...} } }
 */
export function factsOf(event: ExperienceEvent): EventFacts {
  const facts: EventFacts = { type: event.type };
  if (event.event !== undefined) facts.event = event.event;
  if (event.properties !== undefined) facts.properties = event.properties;
  const campaign = event.context?.campaign;
  const page = event.context?.page;
  if (campaign !== undefined || page !== undefined) facts.context = { campaign, page };
  return facts;
}

/** An accepted event as sessions and audiences see it. */
export interface StoredEvent {
  seq: number;
  profileId: string;
  messageId: string;
  receivedAt: number;
  event: EventFacts;
}

/** A row to insert: duplicates (by `messageId`) are kept for the inspection log only. */
export interface NewEvent {
  profileId: string;
  messageId: string;
  receivedAt: number;
  duplicate: boolean;
  event: ExperienceEvent;
}

/** One entry of the local inspection log (`GET /__local/events`). */
export interface LogEntry {
  profileId: string;
  receivedAt: string;
  event: ExperienceEvent;
  duplicate?: true;
}

/**
 * The operations of one request, inside one transaction of one organisation and environment.
 * Methods return promises so that a store over a network database (PostgreSQL) fits the same
 * shape as the SQLite one.
 */
export interface StoreTransaction {
  getProfile(id: string): Promise<StoredProfile | undefined>;
  insertProfile(profile: StoredProfile): Promise<void>;
  updateProfile(profile: StoredProfile): Promise<void>;
  /** Where a merged-away id now lives, if it was merged. */
  getRedirect(id: string): Promise<string | undefined>;
  /** The profile that holds an accepted (non-duplicate) event with this `messageId`. */
  findEventOwner(messageId: string): Promise<string | undefined>;
  insertEvent(event: NewEvent): Promise<void>;
  /** Accepted events of a profile, oldest first. */
  listEvents(profileId: string): Promise<StoredEvent[]>;
  findAlias(alias: string): Promise<string | undefined>;
  setAlias(alias: string, profileId: string): Promise<void>;
  /** Moves events and aliases of `fromId` to `intoId`, deletes `fromId` and records a redirect. */
  mergeProfile(fromId: string, intoId: string): Promise<void>;
}

/**
 * Storage of profiles, events and aliases. One `transaction` per request: either everything
 * the request accepted is durable when it resolves, or nothing is written.
 *
 * @example
 * const profile = await store.transaction(scope, { commit: true }, (tx) => tx.getProfile(id));
 */
export interface Store {
  transaction<T>(
    scope: Scope,
    options: { commit: boolean },
    work: (tx: StoreTransaction) => Promise<T>,
  ): Promise<T>;
  /** The inspection log of a scope, in the order events were accepted. */
  listLog(scope: Scope, options: { includeDuplicates: boolean }): Promise<LogEntry[]>;
  /** Clears the inspection log of a scope (profiles and events stay). */
  clearLog(scope: Scope): Promise<void>;
  close(): Promise<void>;
}
