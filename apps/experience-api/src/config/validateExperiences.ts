import { allowKeys, ConfigError, describeKeys, object } from './configError';
import { validateComponents } from './validateComponents';
import { validateDistribution } from './validateDistribution';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const TYPES = ['nt_personalization', 'nt_experiment'];

function optionalString(entry: Record<string, unknown>, key: string, at: string): void {
  if (entry[key] !== undefined && typeof entry[key] !== 'string') {
    throw new ConfigError(`${at}.${key}`, 'must be a string');
  }
}

function validateAudienceRef(value: unknown, at: string, audienceIds: readonly string[]): void {
  if (value === undefined || value === null) return;
  const audience = object(value, at);
  allowKeys(audience, at, ['id', 'name', 'description']);
  if (typeof audience.id !== 'string') throw new ConfigError(`${at}.id`, 'must be a string');
  if (!audienceIds.includes(audience.id)) {
    throw new ConfigError(
      `${at}.id`,
      `unknown audience "${audience.id}" (this environment's audiences: ${describeKeys([...audienceIds])})`,
    );
  }
  optionalString(audience, 'name', at);
  optionalString(audience, 'description', at);
}

/**
 * Checks an environment's `experiences` (section 8 of experience-api.md): the definition shape,
 * ids unique in the environment, an audience id that names one of `audienceIds`,
 * `trafficAllocation` in [0, 1], the distribution (see `validateDistribution`) and the
 * components (see `validateComponents`). Throws a `ConfigError` naming the bad path, for example
 * `organizations.demo.environments.main.experiences[1].distribution: leaves a gap between 0.5 and 0.6`.
 *
 * @example
 * validateExperiences(env.experiences, 'organizations.demo.environments.main.experiences', ['news-readers']);
 */
export function validateExperiences(value: unknown, path: string, audienceIds: readonly string[]): void {
  if (!Array.isArray(value)) throw new ConfigError(path, 'must be an array of experiences');
  const seen = new Set<string>();
  value.forEach((item, index) => {
    const at = `${path}[${index}]`;
    const entry = object(item, at);
    allowKeys(entry, at, [
      'id',
      'type',
      'name',
      'description',
      'audience',
      'trafficAllocation',
      'distribution',
      'sticky',
      'components',
    ]);
    if (typeof entry.id !== 'string' || !ID.test(entry.id)) {
      throw new ConfigError(`${at}.id`, 'must be a non-empty id of letters, digits, ".", "_", ":" or "-"');
    }
    if (seen.has(entry.id)) throw new ConfigError(`${at}.id`, `duplicate experience id "${entry.id}"`);
    seen.add(entry.id);
    if (typeof entry.type !== 'string' || !TYPES.includes(entry.type)) {
      throw new ConfigError(`${at}.type`, 'must be "nt_personalization" or "nt_experiment"');
    }
    optionalString(entry, 'name', at);
    optionalString(entry, 'description', at);
    validateAudienceRef(entry.audience, `${at}.audience`, audienceIds);
    const traffic = entry.trafficAllocation;
    if (traffic === undefined) throw new ConfigError(`${at}.trafficAllocation`, 'is required');
    if (typeof traffic !== 'number' || !(traffic >= 0 && traffic <= 1)) {
      throw new ConfigError(`${at}.trafficAllocation`, 'must be a number from 0 to 1');
    }
    const entries = validateDistribution(entry.distribution, `${at}.distribution`);
    if (entry.sticky !== undefined && typeof entry.sticky !== 'boolean') {
      throw new ConfigError(`${at}.sticky`, 'must be a boolean');
    }
    validateComponents(entry.components, `${at}.components`, entries - 1);
  });
}
