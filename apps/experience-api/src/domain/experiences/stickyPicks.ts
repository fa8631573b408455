import type { StoredEvent } from '../../store/store';

/**
 * The variant each experience showed this profile, from its accepted `component` events
 * (oldest first: the first view of an experience is the one that sticks). Only experiences
 * defined as `sticky` use it (see `selectExperiences`). A merge moves the events, so the
 * surviving profile keeps these picks.
 *
 * @example
 * stickyPicks(await tx.listEvents(profile.id)); // Map { 'cta-test' => 1 }
 */
export function stickyPicks(events: readonly StoredEvent[]): Map<string, number> {
  const picks = new Map<string, number>();
  for (const { event } of events) {
    if (event.type !== 'component') continue;
    const { experienceId, variantIndex } = event;
    if (typeof experienceId !== 'string' || !Number.isInteger(variantIndex)) continue;
    if (!picks.has(experienceId)) picks.set(experienceId, variantIndex as number);
  }
  return picks;
}
