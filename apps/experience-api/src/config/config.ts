import { readFileSync } from 'node:fs';
import type { ExperienceDefinition } from '../domain/experiences/experienceTypes';
import type { JsonValue } from '../domain/types';
import { allowKeys, ConfigError, object } from './configError';
import { validateExperiences } from './validateExperiences';
import { validateMetrics } from './validateMetrics';
import { validateRule } from './validateRule';

export { ConfigError } from './configError';

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
  /** Experiences of the environment (section 8), in the order they are answered; none when absent. */
  experiences?: ExperienceDefinition[];
  /**
   * Conversion metrics of Insights (section 9): `track` event names with an id and a label.
   * Without them every `track` event name is a metric.
   */
  metrics?: MetricDefinition[];
}

/** A conversion metric of an environment: the `track` event `event`, reported as `id`. */
export interface MetricDefinition {
  id: string;
  name?: string;
  event: string;
}

/** The whole configuration file. */
export interface ExperienceConfig {
  organizations: Record<string, { environments: Record<string, EnvironmentConfig> }>;
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
      allowKeys(envObject, envPath, ['audiences', 'experiences', 'metrics']);
      validateAudiences(envObject.audiences, `${envPath}.audiences`);
      if (envObject.experiences !== undefined) {
        const audienceIds = (envObject.audiences as AudienceDefinition[]).map((audience) => audience.id);
        validateExperiences(envObject.experiences, `${envPath}.experiences`, audienceIds);
      }
      if (envObject.metrics !== undefined) validateMetrics(envObject.metrics, `${envPath}.metrics`);
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

function checkId(id: string, path: string): void {
  if (!ID.test(id)) throw new ConfigError(path, 'must be named by letters, digits, ".", "_", ":" or "-"');
}
