import { isObject } from '../domain/json';
import { allowKeys, ConfigError, object } from './configError';

const VALUE_TYPES: Record<string, { name: string; test: (value: unknown) => boolean }> = {
  String: { name: 'a string', test: (value) => typeof value === 'string' },
  Number: { name: 'a finite number', test: (value) => typeof value === 'number' && Number.isFinite(value) },
  Boolean: { name: 'a boolean', test: (value) => typeof value === 'boolean' },
  Object: { name: 'an object', test: isObject },
};

function nonEmptyString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new ConfigError(path, 'must be a non-empty string');
  return value;
}

function variantList(value: unknown, path: string, expected: number): unknown[] {
  if (!Array.isArray(value)) throw new ConfigError(path, 'must be an array of variants');
  if (value.length !== expected) {
    throw new ConfigError(
      path,
      `holds ${value.length} variant(s), but the distribution has ${expected + 1} entries (expected ${expected}: one per index after the baseline)`,
    );
  }
  return value;
}

function validateEntryReplacement(component: Record<string, unknown>, at: string, variants: number): string {
  allowKeys(component, at, ['type', 'baseline', 'variants']);
  const baseline = object(component.baseline, `${at}.baseline`);
  allowKeys(baseline, `${at}.baseline`, ['id']);
  const id = nonEmptyString(baseline.id, `${at}.baseline.id`);
  variantList(component.variants, `${at}.variants`, variants).forEach((item, i) => {
    const vat = `${at}.variants[${i}]`;
    const variant = object(item, vat);
    allowKeys(variant, vat, ['id', 'hidden']);
    nonEmptyString(variant.id, `${vat}.id`);
    if (variant.hidden !== undefined && typeof variant.hidden !== 'boolean') {
      throw new ConfigError(`${vat}.hidden`, 'must be a boolean');
    }
  });
  return id;
}

function checkValue(holder: unknown, path: string, valueType: string): void {
  const entry = object(holder, path);
  allowKeys(entry, path, ['value']);
  const type = VALUE_TYPES[valueType];
  if (entry.value === undefined) throw new ConfigError(`${path}.value`, 'is required');
  if (type && !type.test(entry.value)) {
    throw new ConfigError(`${path}.value`, `must be ${type.name} (valueType "${valueType}")`);
  }
}

function validateInlineVariable(component: Record<string, unknown>, at: string, variants: number): string {
  allowKeys(component, at, ['type', 'key', 'valueType', 'baseline', 'variants']);
  const key = nonEmptyString(component.key, `${at}.key`);
  const { valueType } = component;
  if (typeof valueType !== 'string' || !Object.hasOwn(VALUE_TYPES, valueType)) {
    throw new ConfigError(`${at}.valueType`, 'must be "String", "Object", "Boolean" or "Number"');
  }
  checkValue(component.baseline, `${at}.baseline`, valueType);
  variantList(component.variants, `${at}.variants`, variants).forEach((item, i) => {
    checkValue(item, `${at}.variants[${i}]`, valueType);
  });
  return key;
}

/**
 * Checks an experience's `components` (section 8): `EntryReplacement` (`baseline: { id }`,
 * `variants: [{ id, hidden? }]`) and `InlineVariable` (`key`, `valueType`, `baseline: { value }`,
 * `variants: [{ value }]`, values of that type), each with one variant per distribution index
 * after the baseline, no baseline id and no variable key twice in one experience.
 *
 * @example
 * validateComponents(experience.components, 'experiences[0].components', 1);
 */
export function validateComponents(value: unknown, path: string, variants: number): void {
  if (!Array.isArray(value)) throw new ConfigError(path, 'must be an array of components');
  const baselines = new Set<string>();
  const keys = new Set<string>();
  value.forEach((item, i) => {
    const at = `${path}[${i}]`;
    const component = object(item, at);
    if (component.type === 'EntryReplacement') {
      const id = validateEntryReplacement(component, at, variants);
      if (baselines.has(id))
        throw new ConfigError(`${at}.baseline.id`, `duplicate baseline "${id}" in this experience`);
      baselines.add(id);
    } else if (component.type === 'InlineVariable') {
      const key = validateInlineVariable(component, at, variants);
      if (keys.has(key))
        throw new ConfigError(`${at}.key`, `duplicate variable key "${key}" in this experience`);
      keys.add(key);
    } else {
      const got = typeof component.type === 'string' ? ` "${component.type}"` : '';
      throw new ConfigError(
        `${at}.type`,
        `unknown component type${got} (expected EntryReplacement or InlineVariable)`,
      );
    }
  });
}
