/**
 * The page a route update is about, as `pageProperties` in a `NinetailedGatsbyRuntime`
 * receives it.
 *
 * @example
 * const pageProperties = ({ pageContext }: GatsbyPageInfo) => ({ author: pageContext.author });
 */
export interface GatsbyPageInfo {
  location: { pathname: string; search: string; hash: string; href?: string };
  /** The page's `pageContext` (from `createPage`), `{}` when unknown. */
  pageContext: Record<string, unknown>;
  /** The page query's data, when the page has one. */
  data: unknown;
}
