/** A conversion metric: a `track` event name with an id and a label (section 9). */
export interface Metric {
  readonly id: string;
  readonly name: string;
  readonly event: string;
}

/**
 * The metric a report asks for. With configured metrics (already validated), the one with that
 * id, or `null` when there is none. Without them every `track` event name is a metric whose id,
 * name and event are that name.
 *
 * @example
 * resolveMetric([{ id: 'signup', name: 'Signed up', event: 'sign_up' }], 'signup'); // { id: 'signup', name: 'Signed up', event: 'sign_up' }
 * resolveMetric(undefined, 'add_to_cart'); // { id: 'add_to_cart', name: 'add_to_cart', event: 'add_to_cart' }
 */
export function resolveMetric(
  configured: readonly { id: string; name?: string; event: string }[] | undefined,
  id: string,
): Metric | null {
  if (configured === undefined) return id === '' ? null : { id, name: id, event: id };
  const found = configured.find((metric) => metric.id === id);
  return found === undefined ? null : { id: found.id, name: found.name ?? found.id, event: found.event };
}
