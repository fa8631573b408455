import type { GatsbyPageInfo } from './GatsbyPageInfo';
import type { NinetailedGatsbyRuntime } from './NinetailedGatsbyRuntime';

/**
 * The custom properties of a page event: the `pageContextProperties` keys present in the
 * page's `pageContext`, then whatever the runtime's `pageProperties` returns (it wins on a
 * clash). A `pageProperties` that throws is reported (through the core's `logger` when given,
 * else the console) and ignored: the page event still goes.
 *
 * @example
 * pagePropertiesFor(page, ['category'], runtime); // { category: 'news' }
 */
export function pagePropertiesFor(
  page: GatsbyPageInfo,
  pageContextProperties: readonly string[],
  runtime: NinetailedGatsbyRuntime,
  logger: { error(message: string, ...args: unknown[]): void } = console,
): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const key of pageContextProperties) {
    if (Object.hasOwn(page.pageContext, key) && page.pageContext[key] !== undefined) {
      properties[key] = page.pageContext[key];
    }
  }
  if (!runtime.pageProperties) return properties;
  try {
    return { ...properties, ...(runtime.pageProperties(page) ?? {}) };
  } catch (error) {
    logger.error(
      '[ninetailed] pageProperties (from pluginsModule) threw; page event sent without it.',
      error,
    );
    return properties;
  }
}
