'use client';
import { useContext, useEffect } from 'react';
import { PagePropertiesContext } from './PagePropertiesContext';

/**
 * Adds properties (for example a blog post's `category`) to the automatic page event of the
 * page that calls it, the one event of that navigation, not a second one. Call it in the page
 * (or in a layout, for all the pages below it); it does nothing on the server. Changing the
 * properties later sends nothing: they apply to the next page event. When two mounted callers
 * set the same key, the one that set its properties last wins.
 *
 * @throws Error (`[ninetailed] ...`) outside the `NinetailedProvider` of `@ninetailed/experience.js-next`.
 *
 * @example
 * ```tsx
 * 'use client';
 * import { usePageProperties } from '@ninetailed/experience.js-next';
 *
 * export function BlogPost({ post }: { post: { title: string; category: string } }) {
 *   usePageProperties({ category: post.category });
 *   return <h1>{post.title}</h1>;
 * }
 * ```
 */
export function usePageProperties(properties: Record<string, unknown>): void {
  const registry = useContext(PagePropertiesContext);
  if (registry === null) {
    throw new Error(
      '[ninetailed] usePageProperties() was called outside <NinetailedProvider> of @ninetailed/experience.js-next.',
    );
  }
  // Effects run child first, so this is set before the provider's route tracker (rendered
  // after the page) looks at the new route in the same commit.
  useEffect(() => {
    const owner = {};
    registry.set(owner, properties);
    return () => void registry.delete(owner);
  }, [registry, properties]);
}
