// The argument types of v7's deprecated view methods (implemented in `client.ts`, as
// `trackComponentView` calls).

/**
 * v7's `trackHasSeenComponent` argument (its legacy data model).
 *
 * @example
 * ```ts
 * const seen: HasSeenComponent = { variant: { id: 'hero-news' }, audience: { id: 'news-readers' }, isPersonalized: true };
 * ```
 */
export interface HasSeenComponent {
  variant: { id: string };
  audience: { id: string };
  isPersonalized: boolean;
}

/**
 * v7's `trackVariableComponentView` argument: a seen variable (`variant.id` is its component id,
 * `Variable-<key>` in v7's React binding).
 *
 * @example
 * ```ts
 * const seen: VariableComponentView = { variant: { id: 'Variable-cta-color' }, variantIndex: 1, experienceId: 'cta-test', variable: 'green' };
 * ```
 */
export interface VariableComponentView {
  variant: { id: string; [key: string]: unknown };
  variantIndex: number;
  componentType?: 'Variable';
  variable?: unknown;
  experienceId?: string;
}
