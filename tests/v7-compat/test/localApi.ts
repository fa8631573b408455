import { inject } from 'vitest';

/** The local Experience API of this run (started by `globalSetup.ts`). */
export const apiUrl = inject('apiUrl');

/** A logged event as the local API lists it (the fields these tests read). */
export interface LoggedEvent {
  type: string;
  event?: string;
  properties: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context: { page: { path: string } };
}

/** Every event the API accepted for `demo`/`main`, in order. */
export async function acceptedEvents(): Promise<LoggedEvent[]> {
  const response = await fetch(`${apiUrl}/__local/events?organization=demo&environment=main`);
  const body = (await response.json()) as { data: { events: { event: LoggedEvent }[] } };
  return body.data.events.map(({ event }) => event);
}

/** Clears that log. */
export async function clearEvents(): Promise<void> {
  await fetch(`${apiUrl}/__local/events?organization=demo&environment=main`, { method: 'DELETE' });
}
