import { isObject } from '../domain/json';
import type { CountBounds } from './config';
import { allowKeys, ConfigError, describeKeys, object } from './configError';

const RULE_KINDS = [
  'page',
  'track',
  'trait',
  'session',
  'campaign',
  'referrer',
  'location',
  'all',
  'any',
  'not',
];

/** Deepest nesting of `all` / `any` / `not` accepted (a deeper rule is a mistake, or hostile). */
export const MAX_RULE_DEPTH = 32;

/**
 * Validates one audience rule (section 7 of experience-api.md), throwing a {@link ConfigError}
 * that names the bad path.
 *
 * @example
 * validateRule({ trait: { key: 'favoriteColor', eq: 'red' } }, 'audiences[0].rule');
 */
export function validateRule(value: unknown, path: string, depth = 0): void {
  if (depth > MAX_RULE_DEPTH) {
    throw new ConfigError(path, `rules nested deeper than ${MAX_RULE_DEPTH} levels of all, any and not`);
  }
  const rule = object(value, path);
  const keys = Object.keys(rule);
  if (keys.length !== 1) {
    throw new ConfigError(
      path,
      `must have exactly one of ${RULE_KINDS.join(', ')} (found ${describeKeys(keys)})`,
    );
  }
  const kind = keys[0] as string;
  const at = `${path}.${kind}`;
  const body = rule[kind];
  switch (kind) {
    case 'all':
    case 'any':
      if (!Array.isArray(body) || body.length === 0)
        throw new ConfigError(at, 'must be a non-empty array of rules');
      body.forEach((child, index) => {
        validateRule(child, `${at}[${index}]`, depth + 1);
      });
      return;
    case 'not':
      validateRule(body, at, depth + 1);
      return;
    case 'page': {
      const leaf = object(body, at);
      allowKeys(leaf, at, ['where', 'count', 'withinDays']);
      validateLeafCommon(leaf, at);
      return;
    }
    case 'track': {
      const leaf = object(body, at);
      allowKeys(leaf, at, ['event', 'where', 'count', 'withinDays']);
      if (typeof leaf.event !== 'string' || leaf.event === '') {
        throw new ConfigError(`${at}.event`, 'must be a non-empty event name');
      }
      validateLeafCommon(leaf, at);
      return;
    }
    case 'trait': {
      const leaf = object(body, at);
      if (typeof leaf.key !== 'string' || !isDotPath(leaf.key))
        throw new ConfigError(`${at}.key`, 'must be a dot path string (such as "address.city")');
      const { key: _key, ...matcher } = leaf;
      validateMatcher(matcher, at);
      return;
    }
    case 'session': {
      const leaf = object(body, at);
      allowKeys(leaf, at, ['isReturningVisitor', 'count']);
      if (Object.keys(leaf).length === 0) throw new ConfigError(at, 'must set isReturningVisitor or count');
      if (leaf.isReturningVisitor !== undefined && typeof leaf.isReturningVisitor !== 'boolean') {
        throw new ConfigError(`${at}.isReturningVisitor`, 'must be a boolean');
      }
      if (leaf.count !== undefined) validateCount(leaf.count, `${at}.count`);
      return;
    }
    case 'campaign':
      stringFields(body, at, ['name', 'source', 'medium', 'term', 'content']);
      return;
    case 'location':
      stringFields(body, at, ['countryCode', 'city', 'region', 'continent']);
      return;
    case 'referrer': {
      const leaf = object(body, at);
      allowKeys(leaf, at, ['contains']);
      if (typeof leaf.contains !== 'string') throw new ConfigError(`${at}.contains`, 'must be a string');
      return;
    }
    default:
      throw new ConfigError(path, `unknown rule "${kind}" (expected one of ${RULE_KINDS.join(', ')})`);
  }
}

function validateLeafCommon(leaf: Record<string, unknown>, at: string): void {
  if (leaf.where !== undefined) {
    const where = object(leaf.where, `${at}.where`);
    for (const [key, condition] of Object.entries(where)) {
      if (!isDotPath(key)) {
        throw new ConfigError(`${at}.where`, `key "${key}" must be a property name or a dot path`);
      }
      if (isObject(condition)) validateMatcher(condition, `${at}.where.${key}`);
    }
  }
  if (leaf.count !== undefined) validateCount(leaf.count, `${at}.count`);
  if (leaf.withinDays !== undefined) {
    if (typeof leaf.withinDays !== 'number' || !(leaf.withinDays > 0)) {
      throw new ConfigError(`${at}.withinDays`, 'must be a positive number of days');
    }
  }
}

const OPERATORS = ['eq', 'ne', 'in', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists'];

function validateMatcher(matcher: Record<string, unknown>, at: string): void {
  const keys = Object.keys(matcher);
  for (const key of keys) {
    if (!OPERATORS.includes(key)) {
      throw new ConfigError(at, `unknown operator "${key}" (expected one of ${OPERATORS.join(', ')})`);
    }
  }
  if (keys.length !== 1) {
    throw new ConfigError(
      at,
      `must have exactly one operator of ${OPERATORS.join(', ')} (found ${describeKeys(keys)})`,
    );
  }
  const op = keys[0] as string;
  const operand = matcher[op];
  if (op === 'in' && !Array.isArray(operand)) throw new ConfigError(`${at}.in`, 'must be an array');
  if (op === 'exists' && typeof operand !== 'boolean')
    throw new ConfigError(`${at}.exists`, 'must be a boolean');
  if (['gt', 'gte', 'lt', 'lte'].includes(op) && typeof operand !== 'number' && typeof operand !== 'string') {
    throw new ConfigError(`${at}.${op}`, 'must be a number or a string');
  }
}

function validateCount(value: unknown, at: string): void {
  const count = object(value, at);
  const keys = Object.keys(count);
  if (keys.length === 0) throw new ConfigError(at, 'must set at least one of gte, lte, eq');
  for (const key of keys) {
    if (!['gte', 'lte', 'eq'].includes(key))
      throw new ConfigError(at, `unknown operator "${key}" (expected gte, lte or eq)`);
    const bound = count[key];
    if (typeof bound !== 'number' || !Number.isInteger(bound) || bound < 0) {
      throw new ConfigError(`${at}.${key}`, 'must be a non-negative integer');
    }
  }
  const { gte, lte, eq } = count as CountBounds;
  if (gte !== undefined && lte !== undefined && gte > lte) {
    throw new ConfigError(at, `gte (${gte}) is greater than lte (${lte}): no count can match`);
  }
  if (eq !== undefined && ((gte !== undefined && eq < gte) || (lte !== undefined && eq > lte))) {
    throw new ConfigError(at, `eq (${eq}) is outside the gte/lte bounds: no count can match`);
  }
}

/** A property name or a dot path into an object: no empty segment (`a..b`, `.a`, `a.`). */
function isDotPath(path: string): boolean {
  return path.split('.').every((part) => part !== '');
}

function stringFields(value: unknown, at: string, allowed: string[]): void {
  const leaf = object(value, at);
  allowKeys(leaf, at, allowed);
  if (Object.keys(leaf).length === 0)
    throw new ConfigError(at, `must set at least one of ${allowed.join(', ')}`);
  for (const [key, field] of Object.entries(leaf)) {
    if (typeof field !== 'string') throw new ConfigError(`${at}.${key}`, 'must be a string');
  }
}
