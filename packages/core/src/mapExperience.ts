import { check, isName } from './check';
import type {
  ExperienceAudience,
  ExperienceConfiguration,
  ExperienceType,
  InlineVariable,
  Reference,
  VariantRef,
} from './experienceTypes';
import { isPlainObject } from './validate';

/**
 * v7's plain experience definition (what a CMS entry holds): `config.distribution` lists the
 * share of each variant index (`[0.5, 0.5]`), `config.components` refer to variants by id, and
 * `variants` holds the variant entries themselves. `config.traffic` defaults to 0.
 *
 * @example
 * ```ts
 * import type { ExperienceInput } from '@ninetailed/experience.js';
 * const input: ExperienceInput = {
 *   id: 'cta-test', name: 'Call to action copy', type: 'nt_experiment', audience: null,
 *   config: { traffic: 1, distribution: [0.5, 0.5], sticky: true, components: [
 *     { type: 'EntryReplacement', baseline: { id: 'cta-default' }, variants: [{ id: 'cta-bold', hidden: false }] },
 *   ] },
 *   variants: [{ id: 'cta-bold' }],
 * };
 * ```
 */
export interface ExperienceInput<Variant extends Reference = Reference> {
  id: string;
  name?: string;
  description?: string;
  type: ExperienceType;
  audience?: ExperienceAudience | null;
  config: {
    traffic?: number;
    distribution?: number[];
    components?: (
      | { type?: 'EntryReplacement'; baseline: Reference; variants: VariantRef[] }
      | InlineVariable
    )[];
    sticky?: boolean;
  };
  variants?: Variant[];
}

const isRef = (value: unknown) => isPlainObject(value) && isName(value.id);
const isShare = (value: unknown) => typeof value === 'number' && value >= 0 && value <= 1;

/**
 * Maps v7's plain definition input to an `ExperienceConfiguration`: `traffic` (default 0) becomes
 * `trafficAllocation`; `distribution[i]` becomes `{ index: i, start: sum(dist[0..i)), end:
 * sum(dist[0..i]) }`; a component without `type` is an `EntryReplacement`, whose visible variant
 * references are replaced by the matching entry of `variants` (hidden or unmatched ones stay
 * references). Bad input throws a `NinetailedInputError` whose `argument` names the field
 * (`config.traffic`, `config.components[1]`, ...).
 *
 * @example
 * ```ts
 * import { mapExperience } from '@ninetailed/experience.js';
 * const experience = mapExperience({
 *   id: 'cta-test', type: 'nt_experiment',
 *   config: { traffic: 1, distribution: [0.5, 0.5], components: [
 *     { baseline: { id: 'cta-default' }, variants: [{ id: 'cta-bold', hidden: false }] },
 *   ] },
 *   variants: [{ id: 'cta-bold', title: 'Buy now' }],
 * });
 * experience.distribution; // [{ index: 0, start: 0, end: 0.5 }, { index: 1, start: 0.5, end: 1 }]
 * ```
 */
export function mapExperience<Variant extends Reference = Reference>(
  input: ExperienceInput<Variant>,
): ExperienceConfiguration<Variant> {
  const {
    id,
    name,
    description,
    type,
    audience,
    config,
    variants = [],
  } = Object(input) as ExperienceInput<Variant>;
  check(isName(id), 'id', 'a non-empty string');
  check(
    type === 'nt_personalization' || type === 'nt_experiment',
    'type',
    '"nt_personalization" or "nt_experiment"',
  );
  check(audience == null || isRef(audience), 'audience', 'null or a reference');
  check(isPlainObject(config), 'config', 'a plain object');
  const { traffic = 0, distribution = [], components = [], sticky } = config;
  check(isShare(traffic), 'config.traffic', 'a number in [0, 1]');
  check(
    Array.isArray(distribution) && distribution.every(isShare),
    'config.distribution',
    'an array of numbers in [0, 1]',
  );
  check(Array.isArray(components), 'config.components', 'an array');
  check(Array.isArray(variants) && variants.every(isRef), 'variants', 'an array of references');
  let end = 0;
  return {
    id,
    type,
    name,
    description,
    audience: audience ?? null,
    trafficAllocation: traffic,
    distribution: distribution.map((share, index) => {
      const start = end;
      end += share;
      return { index, start, end };
    }),
    sticky,
    components: components.map((component, i) => {
      check(
        component?.type === 'InlineVariable' ||
          (isRef(component?.baseline) && Array.isArray(component.variants)),
        `config.components[${i}]`,
        'an EntryReplacement or an InlineVariable',
      );
      return component.type === 'InlineVariable'
        ? component
        : {
            type: 'EntryReplacement',
            baseline: component.baseline,
            variants: component.variants.map(
              (ref) => (!ref?.hidden && variants.find((entry) => entry.id === ref?.id)) || ref,
            ),
          };
    }),
  };
}
