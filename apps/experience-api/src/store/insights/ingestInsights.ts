import { eventTime } from '../../domain/eventTime';
import type { ExperienceDefinition } from '../../domain/experiences/experienceTypes';
import { isHoldoutView } from '../../domain/insights/holdout';
import type { InsightBatch } from '../../domain/insights/validateIngest';
import type { BoundQuery } from '../preparedQuery';
import type { SqlDialect } from '../sqlDialect';
import type { Execute } from '../sqlTransaction';
import type { Scope } from '../store';
import { insightQueries, VIEW_COLUMNS } from './insightQueries';

/** Epoch milliseconds of one day: view rows are per UTC day. */
export const DAY_MS = 86_400_000;

// messageIds per lookup statement (rounded up to a power of two).
const LOOKUP_CHUNK = 256;

interface ViewRow {
  day: number;
  experienceId: string;
  profileId: string;
  variantIndex: number;
  componentId: string;
  firstAt: number | null;
  lastAt: number | null;
  views: number;
  maxViewMs: number;
  clicks: number;
  hovers: number;
  holdout: number;
}

/** What one ingest request did. */
export interface IngestOutcome {
  /** Events stored for the first time. */
  accepted: number;
  /** Events whose `messageId` was already ingested (ignored). */
  duplicates: number;
}

/**
 * Stores validated Insights batches in one transaction (run it inside `store.statements`):
 * - idempotent by `messageId` (an id already ingested, or repeated in the body, is ignored);
 * - a `component` event is a view (v7 sends it once the element was in the viewport for its
 *   `componentViewTrackingThreshold`); events sharing a `viewId` are one view whose
 *   `viewDurationMs` grows: the first counts the view, the later ones only raise its duration;
 * - `component_click` / `component_hover` add to the clicks and hovers of the same row;
 * - rows are per profile × experience × variant × component × UTC day of receipt, with the
 *   first and last view time, and the holdout flag ({@link isHoldoutView}, from the profile's
 *   stored `stableId` and the audiences its batch carries);
 * - a merged-away profile id is stored as the profile it now lives in.
 *
 * @example
 * await store.statements({ commit: true }, (execute, dialect) =>
 *   ingestInsights(execute, dialect, scope, batches, { now: Date.now(), experiences }));
 */
export async function ingestInsights(
  execute: Execute,
  dialect: SqlDialect,
  { organization: org, environment: env }: Scope,
  batches: readonly InsightBatch[],
  { now, experiences }: { now: number; experiences: readonly ExperienceDefinition[] },
): Promise<IngestOutcome> {
  const q = insightQueries(dialect);
  const { key } = dialect;
  const first = async (query: BoundQuery) => (await execute(query))[0];

  const known = new Set<string>();
  const wanted = [...new Set(batches.flatMap((batch) => batch.events.map((event) => key(event.messageId))))];
  for (let start = 0; start < wanted.length; start += LOOKUP_CHUNK) {
    const chunk = wanted.slice(start, start + LOOKUP_CHUNK);
    const size = 2 ** Math.ceil(Math.log2(chunk.length));
    const keys = Array.from({ length: size }, (_, i) => chunk[i] ?? chunk[0]);
    for (const row of await execute(q.findIngested(size)(org, env, ...keys)))
      known.add(row.message_id as string);
  }

  const definitions = new Map(experiences.map((experience) => [experience.id, experience]));
  const rows = new Map<string, ViewRow>();
  const viewIds = new Map<string, number>();
  const outcome: IngestOutcome = { accepted: 0, duplicates: 0 };

  for (const batch of batches) {
    let profileId = key(batch.profile.id);
    const redirected = await first(q.redirect(org, env, profileId));
    if (redirected) profileId = redirected.new_id as string;
    const stored = await first(q.stableId(org, env, profileId));
    const selection = {
      stableId: stored ? dialect.unkey(stored.stable_id as string) : batch.profile.stableId,
      audiences: batch.profile.audiences,
    };
    await execute(q.upsertProfile(org, env, profileId, JSON.stringify(batch.profile.audiences), now));

    for (const event of batch.events) {
      const messageId = key(event.messageId);
      if (known.has(messageId)) {
        outcome.duplicates++;
        continue;
      }
      known.add(messageId);
      outcome.accepted++;
      await execute(q.insertIngested(org, env, messageId, profileId, event.type, now));

      const experienceId = event.experienceId ?? '';
      const variantIndex = event.variantIndex ?? -1;
      const definition = definitions.get(experienceId);
      const holdout = definition !== undefined && isHoldoutView(definition, selection, variantIndex) ? 1 : 0;
      // Dated by the event's own time: a view held in the SDK's queue keeps the time it was seen.
      const at = eventTime(event, now);
      const day = Math.floor(at / DAY_MS);
      const rowKey = JSON.stringify([experienceId, profileId, variantIndex, event.componentId, day]);
      let row = rows.get(rowKey);
      if (!row) {
        row = {
          day,
          experienceId,
          profileId,
          variantIndex,
          componentId: event.componentId,
          firstAt: null,
          lastAt: null,
          views: 0,
          maxViewMs: 0,
          clicks: 0,
          hovers: 0,
          holdout: 0,
        };
        rows.set(rowKey, row);
      }
      row.holdout = Math.max(row.holdout, holdout);
      if (event.type === 'component_click') row.clicks++;
      else if (event.type === 'component_hover') row.hovers++;
      else {
        const duration = event.viewDurationMs ?? 0;
        row.maxViewMs = Math.max(row.maxViewMs, duration);
        if (await isNewView(event.viewId, duration)) {
          row.views++;
          row.firstAt = Math.min(row.firstAt ?? at, at);
          row.lastAt = Math.max(row.lastAt ?? at, at);
        }
      }
    }
  }

  async function isNewView(viewId: string | undefined, duration: number): Promise<boolean> {
    if (viewId === undefined) return true;
    const viewKey = key(viewId);
    let seen = viewIds.has(viewKey);
    if (!seen) seen = (await first(q.findViewId(org, env, viewKey))) !== undefined;
    viewIds.set(viewKey, Math.max(viewIds.get(viewKey) ?? 0, duration));
    await execute(q.upsertViewId(org, env, viewKey, duration));
    return !seen;
  }

  for (const row of rows.values()) {
    const values: Record<(typeof VIEW_COLUMNS)[number], unknown> = {
      org,
      env,
      day: row.day,
      experience_id: key(row.experienceId),
      profile_id: row.profileId,
      variant_index: row.variantIndex,
      component_id: key(row.componentId),
      first_at: row.firstAt,
      last_at: row.lastAt,
      views: row.views,
      max_view_ms: row.maxViewMs,
      clicks: row.clicks,
      hovers: row.hovers,
      holdout: row.holdout,
    };
    await execute(q.upsertView(...VIEW_COLUMNS.map((column) => values[column])));
  }
  return outcome;
}
