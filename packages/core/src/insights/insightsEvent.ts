/**
 * The type-specific part of an Insights event, as v7's Insights plugin sends it (experience-api.md
 * section 9): a view (`component`, whose `viewDurationMs` grows within one `viewId`), a click
 * (`component_click`) or a hover (`component_hover`, whose `hoverDurationMs` grows within one
 * `hoverId`) of one variant of a component. The rest of the event (`messageId`, timestamps,
 * `context`) is added when it is queued.
 *
 * @example
 * ```ts
 * const view: InsightsPayload = {
 *   type: 'component', componentType: 'Entry', componentId: 'cta-bold', experienceId: 'cta-test',
 *   variantIndex: 1, viewId: '3b241101-e2bb-4255-8caf-4136c566a962', viewDurationMs: 2000,
 * };
 * ```
 */
export type InsightsPayload = {
  componentType: 'Entry' | 'Variable';
  componentId: string;
  experienceId?: string;
  variantIndex: number;
} & InsightsKind;

/**
 * The kind of an Insights event and its own fields.
 *
 * @example
 * ```ts
 * const hover: InsightsKind = { type: 'component_hover', hoverId: '3b241101-e2bb-4255-8caf-4136c566a962', hoverDurationMs: 2000 };
 * ```
 */
export type InsightsKind =
  | { type: 'component'; viewId: string; viewDurationMs: number }
  | { type: 'component_click' }
  | { type: 'component_hover'; hoverId: string; hoverDurationMs: number };

/** The hosted Insights ingest (v7's default). */
export const INSIGHTS_URL = 'https://ingest.insights.ninetailed.co';

/** Queued events that make a request at once (v7's value). */
export const INSIGHTS_BATCH = 25;
