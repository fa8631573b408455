'use client';
import { usePageProperties } from './usePageProperties';

/**
 * Props of {@link PageProperties}.
 *
 * @example
 * ```tsx
 * const props: PagePropertiesProps = { properties: { category: 'news' } };
 * ```
 */
export interface PagePropertiesProps {
  /** JSON properties for this page's page event. */
  properties: Record<string, unknown>;
}

/**
 * `usePageProperties()` as a component, for server components (a page of the App Router):
 * renders nothing, and adds `properties` to the automatic page event of the page.
 *
 * @example
 * ```tsx
 * // app/blog/[slug]/page.tsx (a server component)
 * import { PageProperties } from '@ninetailed/experience.js-next';
 *
 * export default async function Post({ params }: { params: Promise<{ slug: string }> }) {
 *   const post = await getPost((await params).slug);
 *   return (
 *     <article>
 *       <PageProperties properties={{ category: post.category }} />
 *       <h1>{post.title}</h1>
 *     </article>
 *   );
 * }
 * ```
 */
export function PageProperties({ properties }: PagePropertiesProps): null {
  usePageProperties(properties);
  return null;
}
