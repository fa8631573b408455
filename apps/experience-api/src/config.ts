import { readFileSync } from 'node:fs';
import { isObject } from './json';
import type { JsonValue } from './types';

/** Bounds on a count: `gte`, `lte`, `eq` (default `{ gte: 1 }`). */
export interface CountBounds {
  gte?: number;
  lte?: number;
  eq?: number;
}

/** A comparison on one value, as for traits and `where` (exactly one operator). */
export interface ValueMatcher {
  eq?: JsonValue;
  ne?: JsonValue;
  in?: JsonValue[];
  contains?: JsonValue;
  gt?: number | string;
  gte?: number | string;
  lt?: number | string;
  lte?: number | string;
  exists?: boolean;
}

/** `where` on event properties: a plain value means equality. */
export type Where = Record<string, JsonValue | ValueMatcher>;

/** An audience rule (section 7 of experience-api.md). */
export type Rule =
  | { page: { where?: Where; count?: CountBounds; withinDays?: number } }
  | { track: { event: string; where?: Where; count?: CountBounds; withinDays?: number } }
  | { trait: { key: string } & ValueMatcher }
  | { session: { isReturningVisitor?: boolean; count?: CountBounds } }
  | { campaign: { name?: string; source?: string; medium?: string; term?: string; content?: string } }
  | { referrer: { contains: string } }
  | { location: { countryCode?: string; city?: string; region?: string; continent?: string } }
  | { all: Rule[] }
  | { any: Rule[] }
  | { not: Rule };

/** One audience of an environment. */
export interface AudienceDefinition {
  id: string;
  name?: string;
  description?: string;
  rule: Rule;
}

/** One environment of an organisation. */
export interface EnvironmentConfig {
  audiences: AudienceDefinition[];
}

/** The whole configuration file. */
export interface ExperienceConfig {
  organizations: Record<string, { environments: Record<string, EnvironmentConfig> }>;
}

/** A configuration that does not follow the format; the message names the bad path. */
export class ConfigError extends Error {
  constructor(
    readonly path: string,
    problem: string,
    source?: string,
  ) {
    super(
      `[ninetailed] invalid Experience API configuration${source ? ` ${source}` : ''}: ${path}: ${problem}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Loads and validates a configuration: a path to a JSON file, or the object itself.
 * Throws a {@link ConfigError} naming the bad path, for example
 * `organizations.demo.environments.main.audiences[2].rule.trait: unknown operator "equals"`.
 *
 * @example
 * const config = loadConfig('./config/demo.json');
 * config.organizations.demo?.environments.main?.audiences.length;
 */
export function loadConfig(source: string | unknown): ExperienceConfig {
  if (typeof source !== 'string') return validateConfig(source);
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (error) {
    throw new ConfigError('(file)', `cannot read ${source}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('(file)', `${source} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return validateConfig(parsed);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.path, problemOf(error), `(${source})`);
    throw error;
  }
}

function problemOf(error: ConfigError): string {
  const marker = `${error.path}: `;
  return error.message.slice(error.message.indexOf(marker) + marker.length);
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/**
 * Validates a parsed configuration object and returns it typed.
 *
 * @example
 * validateConfig({ organizations: { demo: { environments: { main: { audiences: [] } } } } });
 */
export function validateConfig(value: unknown): ExperienceConfig {
  const root = object(value, '(root)');
  allowKeys(root, '(root)', ['organizations', '$schema']);
  const organizations = object(root.organizations, 'organizations');
  for (const [orgId, org] of Object.entries(organizations)) {
    const orgPath = `organizations.${orgId}`;
    checkId(orgId, orgPath);
    const orgObject = object(org, orgPath);
    allowKeys(orgObject, orgPath, ['environments', 'name']);
    const environments = object(orgObject.environments, `${orgPath}.environments`);
    for (const [envId, env] of Object.entries(environments)) {
      const envPath = `${orgPath}.environments.${envId}`;
      checkId(envId, envPath);
      const envObject = object(env, envPath);
      allowKeys(envObject, envPath, ['audiences']);
      validateAudiences(envObject.audiences, `${envPath}.audiences`);
    }
  }
  return value as ExperienceConfig;
}

function validateAudiences(value: unknown, path: string): void {
  if (!Array.isArray(value)) throw new ConfigError(path, 'must be an array of audiences');
  const seen = new Set<string>();
  value.forEach((audience, index) => {
    const at = `${path}[${index}]`;
    const entry = object(audience, at);
    allowKeys(entry, at, ['id', 'name', 'description', 'rule']);
    if (typeof entry.id !== 'string' || !ID.test(entry.id)) {
      throw new ConfigError(`${at}.id`, 'must be a non-empty id of letters, digits, ".", "_", ":" or "-"');
    }
    if (seen.has(entry.id)) throw new ConfigError(`${at}.id`, `duplicate audience id "${entry.id}"`);
    seen.add(entry.id);
    if (entry.name !== undefined && typeof entry.name !== 'string') {
      throw new ConfigError(`${at}.name`, 'must be a string');
    }
    if (entry.description !== undefined && typeof entry.description !== 'string') {
      throw new ConfigError(`${at}.description`, 'must be a string');
    }
    validateRule(entry.rule, `${at}.rule`);
  });
}

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

function validateRule(value: unknown, path: string): void {
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
        validateRule(child, `${at}[${index}]`);
      });
      return;
    case 'not':
      validateRule(body, at);
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
      if (typeof leaf.key !== 'string' || leaf.key === '')
        throw new ConfigError(`${at}.key`, 'must be a dot path string');
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

function object(value: unknown, path: string): Record<string, unknown> {
  if (!isObject(value)) throw new ConfigError(path, 'must be an object');
  return value;
}

function allowKeys(value: Record<string, unknown>, path: string, allowed: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(path, `unknown key "${key}" (expected ${allowed.join(', ')})`);
    }
  }
}

function checkId(id: string, path: string): void {
  if (!ID.test(id)) throw new ConfigError(path, 'must be named by letters, digits, ".", "_", ":" or "-"');
}

function describeKeys(keys: string[]): string {
  return keys.length === 0 ? 'none' : keys.map((k) => `"${k}"`).join(', ');
}
