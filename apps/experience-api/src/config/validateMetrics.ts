import { allowKeys, ConfigError, object } from './configError';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/**
 * Checks an environment's `metrics` (section 9 of experience-api.md): an array of
 * `{ "id", "name", "event" }` where `id` is a unique id (letters, digits, `.`, `_`, `:`, `-`),
 * `event` the non-empty name of the `track` event that counts as a conversion, and `name` an
 * optional label. Throws a `ConfigError` naming the bad path, for example
 * `organizations.demo.environments.main.metrics[1].id: duplicate metric id "signup"`.
 *
 * @example
 * validateMetrics(env.metrics, 'organizations.demo.environments.main.metrics');
 */
export function validateMetrics(value: unknown, path: string): void {
  if (!Array.isArray(value)) throw new ConfigError(path, 'must be an array of metrics');
  const seen = new Set<string>();
  value.forEach((item, index) => {
    const at = `${path}[${index}]`;
    const entry = object(item, at);
    allowKeys(entry, at, ['id', 'name', 'event']);
    if (typeof entry.id !== 'string' || !ID.test(entry.id)) {
      throw new ConfigError(`${at}.id`, 'must be a non-empty id of letters, digits, ".", "_", ":" or "-"');
    }
    if (seen.has(entry.id)) throw new ConfigError(`${at}.id`, `duplicate metric id "${entry.id}"`);
    seen.add(entry.id);
    if (entry.name !== undefined && typeof entry.name !== 'string') {
      throw new ConfigError(`${at}.name`, 'must be a string');
    }
    if (entry.event === undefined) throw new ConfigError(`${at}.event`, 'is required');
    if (typeof entry.event !== 'string' || entry.event.trim() === '') {
      throw new ConfigError(`${at}.event`, 'must be a non-empty track event name');
    }
  });
}
