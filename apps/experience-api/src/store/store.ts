import type { ProfileDigest } from '../domain/profileDigest';
import type { EventContext, ExperienceEvent, GeoLocation, JsonObject } from '../domain/types';
import type { SqlDialect } from './sqlDialect';
import type { Execute } from './sqlTransaction';

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
  /** The read model of its history (absent or of other audiences: rebuilt from the events). */
  digest?: ProfileDigest;
}

/**
 * The parts of an event that sessions, audiences and sticky experiences read. Stored beside the event as received,
 * so evaluating a profile parses a fraction of its history's bytes.
 */
export interface EventFacts {
  type: ExperienceEvent['type'];
  event?: string;
  properties?: JsonObject;
  context?: Pick<EventContext, 'campaign' | 'page'>;
  /** `component` events: what sticky experiences read (see `domain/experiences/stickyPicks.ts`). */
  componentType?: string;
  componentId?: string;
  experienceId?: string;
  variantIndex?: number;
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
  if (event.type === 'component') {
    for (const key of ['componentType', 'componentId', 'experienceId', 'variantIndex'] as const) {
      if (event[key] !== undefined) Object.assign(facts, { [key]: event[key] });
    }
  }
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
 * The operations of one request, inside one transaction of one organisation and environment
 * (every method reads and writes that scope only). Methods return promises so that a store over
 * a network database (PostgreSQL) fits the same shape as the SQLite one. The executable
 * contract is `test/storeContract.ts`: a new store passes it before it is used.
 */
export interface StoreTransaction {
  /** The profile with this id, or `undefined` (never follows redirects: see `getRedirect`). */
  getProfile(id: string): Promise<StoredProfile | undefined>;
  /** Inserts a new profile; the id is new in the scope. */
  insertProfile(profile: StoredProfile): Promise<void>;
  /** Saves `traits`, `location` and `lastSeenAt`; `stableId`, `random`, `createdAt` never change. */
  updateProfile(profile: StoredProfile): Promise<void>;
  /** Where a merged-away id now lives (always a live profile: chains are flattened by `mergeProfile`). */
  getRedirect(id: string): Promise<string | undefined>;
  /**
   * The profile that holds the accepted (non-duplicate) event with this `messageId`, if any.
   * At most one accepted event per `messageId` exists in a scope (SQLite: a partial unique index).
   */
  findEventOwner(messageId: string): Promise<string | undefined>;
  /**
   * A hint before a request's lookups: `findEventOwner` and `findAcceptedEvent` of these
   * `messageId`s may then be answered from one read (one round trip instead of one per event
   * over a network database), consistent with this transaction's own writes.
   */
  prefetchEvents(messageIds: readonly string[]): Promise<void>;
  /** The accepted event with this `messageId` as received, and the profile that now holds it. */
  findAcceptedEvent(messageId: string): Promise<{ profileId: string; event: ExperienceEvent } | undefined>;
  /**
   * Appends an event as received. `duplicate: true` rows only feed the inspection log; they are
   * never listed by `listEvents` nor found by `findEventOwner`. Store the event exactly (it is
   * answered back by `listLog`) and its {@link factsOf} for `listEvents`.
   */
  insertEvent(event: NewEvent): Promise<void>;
  /**
   * Accepted events of a profile, oldest first: by `receivedAt`, then in insertion order. With
   * `latest`, only the most recent that many (still oldest first), so a read costs the same
   * however long the history.
   */
  listEvents(profileId: string, options?: { latest?: number }): Promise<StoredEvent[]>;
  /**
   * The oldest accepted `component` event of a profile (same order as `listEvents`) whose facts
   * name this `experienceId` and an integer `variantIndex`: the variant a sticky experience keeps.
   * Searches the whole history, not only the latest events, at the cost of one indexed look-up.
   */
  findFirstComponentEvent(profileId: string, experienceId: string): Promise<StoredEvent | undefined>;
  /**
   * What answering a profile reads, in one statement (one round trip over a network database):
   * `listEvents(profileId, { latest })` as `events`, and as `firsts` the
   * `findFirstComponentEvent(profileId, id)` of each of `experienceIds`, in that order.
   */
  readProfileEvents(
    profileId: string,
    options: { latest: number; experienceIds: readonly string[] },
  ): Promise<{ events: StoredEvent[]; firsts: (StoredEvent | undefined)[] }>;
  /** The profile that holds an alias (`identify` `userId`), compared byte for byte. */
  findAlias(alias: string): Promise<string | undefined>;
  /** Gives the alias to a profile (replacing any holder). */
  setAlias(alias: string, profileId: string): Promise<void>;
  /**
   * Merges `fromId` into `intoId`: its accepted events and aliases now belong to `intoId`
   * (the inspection log keeps the id each event was received for), `fromId` is deleted, a
   * redirect `fromId → intoId` is recorded and redirects that pointed to `fromId` now point to
   * `intoId`. The caller saves the merged traits with `updateProfile`.
   */
  mergeProfile(fromId: string, intoId: string): Promise<void>;
}

/**
 * Storage of profiles, events and aliases. A PostgreSQL store implements this interface
 * (and passes `test/storeContract.ts`) and nothing else in the server changes.
 *
 * Guarantees a store must give:
 * - **All or nothing, durable.** `transaction(scope, { commit: true }, work)` resolves only
 *   once everything `work` wrote is durable (survives a crash right after); if `work` throws,
 *   nothing it wrote remains and the promise rejects with that error.
 * - **Preflight and reads.** `{ commit: false }` runs `work` with the same reads and writes
 *   visible inside it, then discards every write (`?type=preflight`, `GET`).
 * - **Serializable per scope.** Concurrent transactions behave as if run one after another
 *   (SQLite: one connection, transactions in turn). Over PostgreSQL: `SERIALIZABLE` with a retry
 *   on serialization failure, or `SELECT … FOR UPDATE` on the profile plus unique indexes on
 *   (scope, alias) and (scope, messageId) of accepted events. Otherwise two requests could
 *   both accept one `messageId` or both claim one alias.
 * - **Log order.** `listLog` answers events in the order they were inserted (a sequence), with
 *   the profile id each was received for, and from the last `clearLog` on.
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
  /** The inspection log of a scope, in the order events were accepted (duplicates on request). */
  listLog(scope: Scope, options: { includeDuplicates: boolean }): Promise<LogEntry[]>;
  /** Clears the inspection log of a scope (profiles and events stay). */
  clearLog(scope: Scope): Promise<void>;
  /**
   * Runs `work` with direct access to the database's statements in one transaction (kept with
   * `commit: true`, rolled back otherwise; retried as `transaction` is): for features with
   * their own tables, such as Insights (`store/insights/`).
   */
  statements<T>(
    options: { commit: boolean },
    work: (execute: Execute, dialect: SqlDialect) => Promise<T>,
  ): Promise<T>;
  /** Waits for running transactions, then releases the database; later calls reject. */
  close(): Promise<void>;
}
