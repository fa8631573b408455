import type { JsonObject } from '../types';

/** One range of `distribution`: visitors whose distribution random falls in [start, end] get `index` (0 = baseline). */
export interface Distribution {
  index: number;
  start: number;
  end: number;
}

/** A variant of an entry: shown instead of the baseline (`hidden: true` renders nothing). */
export interface VariantRef {
  id: string;
  hidden?: boolean;
}

/** Replaces a baseline entry by the variant of the selected index (`variants[index - 1]`). */
export interface EntryReplacement {
  type: 'EntryReplacement';
  baseline: { id: string };
  variants: VariantRef[];
}

/** A value an inline variable can take (v7's `AllowedVariableType`). */
export type VariableValue = string | number | boolean | JsonObject;

/** A flag-like value per index: the baseline's, or `variants[index - 1]`'s (answered as a `Change`). */
export interface InlineVariable {
  type: 'InlineVariable';
  key: string;
  valueType: 'String' | 'Object' | 'Boolean' | 'Number';
  baseline: { value: VariableValue };
  variants: { value: VariableValue }[];
}

/** An experience as the configuration defines it (section 8 of experience-api.md, v7's `ExperienceConfiguration`). */
export interface ExperienceDefinition {
  id: string;
  type: 'nt_personalization' | 'nt_experiment';
  name?: string;
  description?: string;
  /** No audience (or `null`): every visitor may enter. */
  audience?: { id: string; name?: string; description?: string } | null;
  /** Share of the audience that enters, in [0, 1]; the rest is the holdout. */
  trafficAllocation: number;
  distribution: Distribution[];
  sticky?: boolean;
  components: (EntryReplacement | InlineVariable)[];
}
