import type { Generated } from 'kysely';

/**
 * The tables of both stores, as Kysely sees them. Times are milliseconds since the epoch;
 * `traits`, `location`, `body` and `facts` are JSON text. Over PostgreSQL the key columns hold
 * text passed through the dialect's key codec (see `sqlDialect.ts`), so ids may hold any
 * character, NUL included.
 */
export interface Database {
  profiles: ProfilesTable;
  events: EventsTable;
  aliases: AliasesTable;
  redirects: RedirectsTable;
  log_marks: LogMarksTable;
  insight_events: InsightEventsTable;
  insight_views: InsightViewsTable;
  insight_profiles: InsightProfilesTable;
  insight_view_ids: InsightViewIdsTable;
}

/** One row per live profile. */
export interface ProfilesTable {
  org: string;
  env: string;
  id: string;
  stable_id: string;
  random: number;
  traits: string;
  location: string;
  created_at: number;
  last_seen_at: number;
  /** The profile's read model (`domain/profileDigest.ts`) as JSON; null: rebuilt from the events when read. */
  digest: string | null;
}

/** Every event as received; `duplicate = 1` rows only feed the inspection log. */
export interface EventsTable {
  seq: Generated<number>;
  org: string;
  env: string;
  profile_id: string;
  received_profile_id: string;
  message_id: string;
  received_at: number;
  duplicate: number;
  body: string;
  facts: string;
  /** Accepted `component` events with a string `experienceId` and an integer `variantIndex`: sticky picks. */
  experience_id: string | null;
  variant_index: number | null;
  /** Accepted `track` events: their name (a key column), for Insights' conversions (index `events_track`). */
  track_event: string | null;
  /** Accepted `track` events: when it happened on the device, on the server's clock (`domain/eventTime`). */
  track_at: number | null;
}

/** `identify` user ids and the profile holding each. */
export interface AliasesTable {
  org: string;
  env: string;
  alias: string;
  profile_id: string;
}

/** Merged-away profile ids and the live profile each now lives in. */
export interface RedirectsTable {
  org: string;
  env: string;
  old_id: string;
  new_id: string;
}

/** Per scope, the last event sequence number the inspection log was cleared at. */
export interface LogMarksTable {
  org: string;
  env: string;
  cleared_seq: number;
}

/** Insights ingest (issue 13): one row per accepted `messageId`, for idempotency. */
export interface InsightEventsTable {
  org: string;
  env: string;
  message_id: string;
  profile_id: string;
  type: string;
  received_at: number;
}

/**
 * Insights views, pre-aggregated for the reports: one row per profile, experience (`''` for
 * none), variant (`-1` for none), component and UTC day (`day` = epoch days).
 */
export interface InsightViewsTable {
  org: string;
  env: string;
  day: number;
  experience_id: string;
  profile_id: string;
  variant_index: number;
  component_id: string;
  /** First and last view that day (null while the row only holds clicks or hovers). */
  first_at: number | null;
  last_at: number | null;
  /** Distinct views (`viewId`s) that day. */
  views: number;
  /** The longest `viewDurationMs` seen that day. */
  max_view_ms: number;
  clicks: number;
  hovers: number;
  /** 1: the profile is in this personalization's holdout (audience, outside the traffic share). */
  holdout: number;
}

/** Profiles seen by Insights: their audiences (as the batches' profiles carry them) and activity. */
export interface InsightProfilesTable {
  org: string;
  env: string;
  profile_id: string;
  audiences: string;
  first_at: number;
  last_at: number;
}

/** `viewId`s of views already counted, with the longest `viewDurationMs` reported for each. */
export interface InsightViewIdsTable {
  org: string;
  env: string;
  view_id: string;
  max_view_ms: number;
}
