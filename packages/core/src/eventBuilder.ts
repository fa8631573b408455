import type { InsightsPayload } from './insights/insightsEvent';
import type { ComponentEvent, IdentifyEvent, PageEvent, TrackEvent } from './types';

/**
 * The optional last argument of each `EventBuilder` method (v7's `data`): a `messageId`, a
 * `timestamp` (ms) and a `location`.
 *
 * @example
 * ```ts
 * const data: EventBuilderData = { messageId: 'c0ffee00-0000-4000-8000-000000000000', timestamp: Date.now() };
 * ```
 */
export interface EventBuilderData {
  messageId?: string;
  timestamp?: number;
  location?: Record<string, unknown>;
}

/** An Insights event (`component` view, `component_click`, `component_hover`), as built. */
type InsightsEvent<Kind extends InsightsPayload['type']> = Omit<ComponentEvent, 'type' | 'experienceId'> &
  Extract<InsightsPayload, { type: Kind }>;

/**
 * The type of v7's `ninetailed.eventBuilder` (its methods and arguments), so v7 code compiles.
 * Not supported at run time: reading `ninetailed.eventBuilder` reports a `[ninetailed]` error
 * (see there). Types only: nothing of it is in a bundle.
 *
 * @example
 * ```ts
 * type V7Page = EventBuilder['page']; // (properties?, data?) => PageEvent
 * ```
 */
export interface EventBuilder {
  page(properties?: object, data?: EventBuilderData): PageEvent;
  track(event: string, properties?: object, data?: EventBuilderData): TrackEvent;
  identify(userId: string, traits?: object, data?: EventBuilderData): IdentifyEvent;
  component(
    componentId: string,
    componentType: 'Entry' | 'Variable',
    experienceId?: string,
    variantIndex?: number,
    viewDurationMs?: number,
    viewId?: string,
    data?: EventBuilderData,
  ): InsightsEvent<'component'>;
  componentClick(
    componentId: string,
    componentType: 'Entry',
    experienceId?: string,
    variantIndex?: number,
    data?: EventBuilderData,
  ): InsightsEvent<'component_click'>;
  componentHover(
    componentId: string,
    componentType: 'Entry',
    hoverDurationMs: number,
    hoverId: string,
    experienceId?: string,
    variantIndex?: number,
    data?: EventBuilderData,
  ): InsightsEvent<'component_hover'>;
}
