'use client';
import { createContext } from 'react';

/**
 * The properties that mounted pages and layouts set for the current page event, by the
 * effect that set them; merged in the order they were set.
 *
 * @example
 * ```ts
 * const registry: PagePropertiesRegistry = new Map();
 * registry.set(owner, { category: 'news' });
 * ```
 */
export type PagePropertiesRegistry = Map<object, Record<string, unknown>>;

/**
 * Carries the provider's {@link PagePropertiesRegistry}; `null` outside the Next provider.
 *
 * @example
 * ```tsx
 * const inNextProvider = () => useContext(PagePropertiesContext) !== null;
 * ```
 */
export const PagePropertiesContext = createContext<PagePropertiesRegistry | null>(null);
