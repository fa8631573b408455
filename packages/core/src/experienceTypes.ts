/**
 * Experience definitions (section 8 of `experience-api.md`): the v7 `ExperienceConfiguration`
 * shapes, with string literal unions where v7 had enums.
 */

/**
 * A reference to an entry (a component): its id.
 *
 * @example
 * ```ts
 * import type { Reference } from '@ninetailed/experience.js';
 * const hero: Reference = { id: 'hero-default' };
 * ```
 */
export type Reference = { id: string };

/**
 * A variant known by id only; `hidden: true` means the variant renders nothing.
 *
 * @example
 * ```ts
 * import type { VariantRef } from '@ninetailed/experience.js';
 * const bold: VariantRef = { id: 'cta-bold', hidden: false };
 * ```
 */
export type VariantRef = { id: string; hidden: boolean };

/**
 * The baseline component: whatever the app renders (`P`), with its entry id.
 *
 * @example
 * ```ts
 * import type { Baseline } from '@ninetailed/experience.js';
 * const hero: Baseline<{ title: string }> = { id: 'hero-default', title: 'Welcome' };
 * ```
 */
export type Baseline<P = unknown> = P & Reference;

/**
 * One range of `[0, 1]` and the variant index it selects (0 is the baseline).
 *
 * @example
 * ```ts
 * import type { Distribution } from '@ninetailed/experience.js';
 * const half: Distribution[] = [{ index: 0, start: 0, end: 0.5 }, { index: 1, start: 0.5, end: 1 }];
 * ```
 */
export type Distribution = { index: number; start: number; end: number };

/**
 * `nt_personalization` (everyone in the audience gets the variant) or `nt_experiment` (a split).
 *
 * @example
 * ```ts
 * import type { ExperienceType } from '@ninetailed/experience.js';
 * const type: ExperienceType = 'nt_experiment';
 * ```
 */
export type ExperienceType = 'nt_personalization' | 'nt_experiment';

/**
 * A component of an experience that replaces an entry: `variants[i - 1]` is variant index `i`.
 *
 * @example
 * ```ts
 * import type { EntryReplacement } from '@ninetailed/experience.js';
 * const hero: EntryReplacement = {
 *   type: 'EntryReplacement',
 *   baseline: { id: 'hero-default' },
 *   variants: [{ id: 'hero-news', hidden: false }],
 * };
 * ```
 */
export type EntryReplacement<Variant extends Reference = Reference> = {
  type: 'EntryReplacement';
  baseline: Reference;
  variants: (Variant | VariantRef)[];
};

/**
 * The value an `InlineVariable` holds.
 *
 * @example
 * ```ts
 * import type { AllowedVariableType } from '@ninetailed/experience.js';
 * const color: AllowedVariableType = 'green';
 * ```
 */
export type AllowedVariableType = string | number | boolean | Record<string, unknown>;

/**
 * A component of an experience that sets a variable (read with `changes`, React's `useFlag`).
 *
 * @example
 * ```ts
 * import type { InlineVariable } from '@ninetailed/experience.js';
 * const color: InlineVariable = {
 *   type: 'InlineVariable', key: 'cta-color', valueType: 'String',
 *   baseline: { value: 'blue' }, variants: [{ value: 'green' }],
 * };
 * ```
 */
export type InlineVariable = {
  type: 'InlineVariable';
  key: string;
  valueType: 'String' | 'Object' | 'Boolean' | 'Number';
  baseline: { value: AllowedVariableType };
  variants: { value: AllowedVariableType }[];
};

/**
 * An experience definition (v7's `ExperienceConfiguration`), as an app or a CMS mapper provides
 * it. No `audience` (or `null`) means all visitors; `trafficAllocation` in `[0, 1]` is the share
 * that enters (the rest is the holdout); `distribution` partitions `[0, 1]` by variant index.
 *
 * @example
 * ```ts
 * import type { ExperienceConfiguration } from '@ninetailed/experience.js';
 * const ctaTest: ExperienceConfiguration = {
 *   id: 'cta-test', type: 'nt_experiment', trafficAllocation: 1, sticky: true,
 *   distribution: [{ index: 0, start: 0, end: 0.5 }, { index: 1, start: 0.5, end: 1 }],
 *   components: [{ type: 'EntryReplacement', baseline: { id: 'cta-default' },
 *     variants: [{ id: 'cta-bold', hidden: false }] }],
 * };
 * ```
 */
export type ExperienceConfiguration<Variant extends Reference = Reference> = {
  id: string;
  type: ExperienceType;
  name?: string;
  description?: string;
  audience?: ExperienceAudience | null;
  trafficAllocation: number;
  distribution: Distribution[];
  sticky?: boolean;
  components: (EntryReplacement<Variant> | InlineVariable)[];
};

/**
 * The audience an experience is for (`{ id: 'ALL_VISITORS' }` in a selection without one).
 *
 * @example
 * ```ts
 * import type { ExperienceAudience } from '@ninetailed/experience.js';
 * const news: ExperienceAudience = { id: 'news-readers', name: 'News readers' };
 * ```
 */
export type ExperienceAudience = { id: string; name?: string; description?: string };
