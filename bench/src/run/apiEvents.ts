/** How the events of one run arrived at the Experience API. */
export interface DeliveryCount {
  /** Distinct `seq` values of the run that the server applied (an event delivered at least once). */
  delivered: number;
  /** Applied events beyond the first per `seq`: the same call counted twice in the profile. */
  duplicatesApplied: number;
  /** Copies the server refused as already seen (same `messageId`): harmless retries. */
  duplicatesDropped: number;
}

interface LoggedEvent {
  duplicate?: boolean;
  event: { type?: string; properties?: { run?: unknown; seq?: unknown } };
}

/**
 * Reads the local Experience API's inspection log (`GET /__local/events?all=1`) and counts the
 * track events tagged `{ run, seq }` of one run.
 *
 * @example
 * ```ts
 * const { delivered } = await countRun(api.url, 'delivery-5xx-ours-0');
 * ```
 */
export async function countRun(apiUrl: string, run: string): Promise<DeliveryCount> {
  const res = await fetch(`${apiUrl}/__local/events?organization=demo&environment=main&all=1`);
  const body = (await res.json()) as { data: { events: LoggedEvent[] } };
  const seqs = new Set<unknown>();
  let applied = 0;
  let dropped = 0;
  for (const entry of body.data.events) {
    const { type, properties } = entry.event;
    if (type !== 'track' || properties?.run !== run) continue;
    if (entry.duplicate) dropped++;
    else {
      applied++;
      seqs.add(properties.seq);
    }
  }
  return { delivered: seqs.size, duplicatesApplied: applied - seqs.size, duplicatesDropped: dropped };
}

/**
 * Empties the inspection log (`DELETE /__local/events`), so that the next count reads less.
 *
 * @example
 * ```ts
 * await clearLog(api.url);
 * ```
 */
export async function clearLog(apiUrl: string): Promise<void> {
  await fetch(`${apiUrl}/__local/events?organization=demo&environment=main`, { method: 'DELETE' });
}
