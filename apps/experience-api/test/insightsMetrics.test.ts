import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/configError';
import { validateMetrics } from '../src/config/validateMetrics';
import { resolveMetric } from '../src/domain/insights/resolveMetric';

const path = 'organizations.demo.environments.main.metrics';

function refusal(value: unknown): string {
  try {
    validateMetrics(value, path);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('validateMetrics', () => {
  it('accepts the section 9 shape, name optional, and an empty list', () => {
    expect(() =>
      validateMetrics(
        [
          { id: 'signup', name: 'Signed up', event: 'signup' },
          { id: 'cart', event: 'add_to_cart' },
        ],
        path,
      ),
    ).not.toThrow();
    expect(() => validateMetrics([], path)).not.toThrow();
  });

  it('refuses a bad configuration, naming the path', () => {
    expect(refusal({})).toBe(
      `[ninetailed] invalid Experience API configuration: ${path}: must be an array of metrics`,
    );
    expect(refusal(['signup'])).toMatch(`${path}[0]: must be an object`);
    expect(refusal([{ id: 'signup', event: 'signup', goal: 1 }])).toMatch(
      `${path}[0]: unknown key "goal" (expected id, name, event)`,
    );
    expect(refusal([{ event: 'signup' }])).toMatch(`${path}[0].id: must be a non-empty id`);
    expect(refusal([{ id: 'has space', event: 'signup' }])).toMatch(`${path}[0].id: must be a non-empty id`);
    expect(
      refusal([
        { id: 'signup', event: 'signup' },
        { id: 'signup', event: 'sign_up' },
      ]),
    ).toMatch(`${path}[1].id: duplicate metric id "signup"`);
    expect(refusal([{ id: 'signup', name: 3, event: 'signup' }])).toMatch(
      `${path}[0].name: must be a string`,
    );
    expect(refusal([{ id: 'signup' }])).toMatch(`${path}[0].event: is required`);
    expect(refusal([{ id: 'signup', event: ' ' }])).toMatch(
      `${path}[0].event: must be a non-empty track event name`,
    );
  });
});

describe('resolveMetric', () => {
  it('finds a configured metric by id, or null', () => {
    const configured = [
      { id: 'signup', name: 'Signed up', event: 'sign_up' },
      { id: 'cart', event: 'add_to_cart' },
    ];
    expect(resolveMetric(configured, 'signup')).toEqual({
      id: 'signup',
      name: 'Signed up',
      event: 'sign_up',
    });
    expect(resolveMetric(configured, 'cart')).toEqual({ id: 'cart', name: 'cart', event: 'add_to_cart' });
    expect(resolveMetric(configured, 'add_to_cart')).toBeNull();
  });

  it('makes every track event name a metric without configured metrics', () => {
    expect(resolveMetric(undefined, 'add_to_cart')).toEqual({
      id: 'add_to_cart',
      name: 'add_to_cart',
      event: 'add_to_cart',
    });
    expect(resolveMetric(undefined, '')).toBeNull();
  });
});
