import { invalid, quote } from '../errors';
import type { EventTimestamps } from '../eventTime';
import { isObject } from '../json';
import { LIMITS, validateEvent } from '../validate';

/** An Insights event as stored: a view, click or hover of a component, with its timestamps. */
export interface InsightEvent extends EventTimestamps {
  readonly type: 'component' | 'component_click' | 'component_hover';
  readonly messageId: string;
  readonly componentId: string;
  readonly experienceId?: string;
  readonly variantIndex?: number;
  readonly viewId?: string;
  readonly viewDurationMs?: number;
}

/** One `{ profile, events }` batch of the ingest body, validated. */
export interface InsightBatch {
  readonly profile: {
    readonly id: string;
    readonly stableId?: string;
    readonly audiences: readonly string[];
  };
  readonly events: readonly InsightEvent[];
}

const TYPES = new Set(['component', 'component_click', 'component_hover']);
const ID_MAX = 256;

/**
 * Validates the body of `POST /v1/organizations/{org}/environments/{env}/events`, as v7's
 * Insights plugin sends it: `[ { profile, events } ]` (experience-api.md section 9). The
 * events are `component` (a view), `component_click` and `component_hover`, each checked like
 * the Experience API's events (messageId, context, timestamps, 32 KiB per event); at most
 * `LIMITS.profiles` batches and `LIMITS.events` events in all. Throws a 400 naming the first
 * bad path, for example `[0].events[2].type: unknown event type "page"`.
 *
 * @example
 * const batches = validateIngestBody([{ profile: { id: 'p1', audiences: [] }, events: [view] }]);
 */
export function validateIngestBody(body: unknown): InsightBatch[] {
  if (!Array.isArray(body)) throw invalid('body', 'must be a JSON array of { profile, events } batches');
  if (body.length > LIMITS.profiles) {
    throw invalid('body', `holds ${body.length} batches; at most ${LIMITS.profiles} are allowed per request`);
  }
  let total = 0;
  return body.map((batch, b) => {
    const at = `[${b}]`;
    if (!isObject(batch)) throw invalid(at, 'must be an object { profile, events }');
    const profile = validateProfile(batch.profile, `${at}.profile`);
    if (!Array.isArray(batch.events)) throw invalid(`${at}.events`, 'must be an array of events');
    total += batch.events.length;
    if (total > LIMITS.events) {
      throw invalid(
        `${at}.events`,
        `the body holds more than ${LIMITS.events} events; at most ${LIMITS.events} are allowed`,
      );
    }
    const events = batch.events.map((event, e) => validateInsightEvent(event, `${at}.events[${e}]`));
    return { profile, events };
  });
}

function validateProfile(value: unknown, path: string): InsightBatch['profile'] {
  if (!isObject(value)) throw invalid(path, 'must be the profile object the events were seen with');
  const { id, stableId, audiences } = value;
  if (typeof id !== 'string' || id.length === 0 || id.length > ID_MAX) {
    throw invalid(`${path}.id`, `must be a profile id of 1 to ${ID_MAX} characters`);
  }
  if (stableId !== undefined && (typeof stableId !== 'string' || stableId.length > ID_MAX)) {
    throw invalid(`${path}.stableId`, `must be a string of at most ${ID_MAX} characters`);
  }
  if (audiences !== undefined) {
    if (!Array.isArray(audiences) || audiences.some((a) => typeof a !== 'string' || a.length > ID_MAX)) {
      throw invalid(`${path}.audiences`, 'must be an array of audience ids');
    }
  }
  return {
    id,
    ...(typeof stableId === 'string' ? { stableId } : {}),
    audiences: (audiences as string[] | undefined) ?? [],
  };
}

function validateInsightEvent(event: unknown, path: string): InsightEvent {
  if (!isObject(event)) throw invalid(path, 'must be an event object');
  const { type } = event;
  if (typeof type !== 'string' || !TYPES.has(type)) {
    throw invalid(
      `${path}.type`,
      `unknown event type ${typeof type === 'string' ? quote(type) : String(type)} (expected component, component_click or component_hover)`,
    );
  }
  // The fields shared with `component` events (messageId, context, componentType, componentId,
  // experienceId, variantIndex, …) are checked as the Experience API checks them.
  const { hoverId, hoverDurationMs, ...shared } = event;
  validateEvent({ ...shared, type: 'component' }, path, false);
  if (type === 'component_hover') {
    if (hoverId !== undefined && (typeof hoverId !== 'string' || hoverId.length > ID_MAX)) {
      throw invalid(`${path}.hoverId`, `must be a string of at most ${ID_MAX} characters`);
    }
    if (
      hoverDurationMs !== undefined &&
      !(typeof hoverDurationMs === 'number' && Number.isFinite(hoverDurationMs) && hoverDurationMs >= 0)
    ) {
      throw invalid(`${path}.hoverDurationMs`, 'must be a non-negative number of milliseconds');
    }
  }
  return event as unknown as InsightEvent;
}
