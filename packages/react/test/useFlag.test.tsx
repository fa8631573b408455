import type { Change } from '@ninetailed/experience.js';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { NinetailedProvider, useFlag } from '../src';
import { stateWith } from './experienceFixtures';
import { FakeNinetailed } from './fakeNinetailed';

const change = (key: string, value: unknown): Change => ({
  type: 'Variable',
  key,
  value,
  meta: { experienceId: 'cta-test', variantIndex: 1 },
});

function setup<T>(hook: () => T, fake = new FakeNinetailed()) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <NinetailedProvider ninetailed={fake.asNinetailed}>{children}</NinetailedProvider>
  );
  return { fake, ...renderHook(hook, { wrapper }) };
}

describe('useFlag', () => {
  it('is loading with the default value until the profile is known, then reads the change', () => {
    const { fake, result } = setup(() => useFlag('cta-color', 'blue'));
    expect(result.current).toEqual({ status: 'loading', value: 'blue', error: null });
    act(() => fake.publish(stateWith([], [change('other', 'red'), change('cta-color', 'green')])));
    expect(result.current).toEqual({ status: 'success', value: 'green', error: null });
  });

  it('gives the default value when no change has the key, or the value has another type', () => {
    const fake = new FakeNinetailed();
    fake.publish(stateWith([], [change('size', 'large'), change('count', { n: 1 })]));
    const { result } = setup(
      () => [useFlag('cta-color', 'blue'), useFlag('size', 3), useFlag('count', 1), useFlag('size', 'small')],
      fake,
    );
    expect(result.current.map((r) => r.value)).toEqual(['blue', 3, 1, 'large']);
    expect(result.current.every((r) => r.status === 'success')).toBe(true);
  });

  it('reads object, number and boolean values', () => {
    const fake = new FakeNinetailed();
    fake.publish(stateWith([], [change('theme', { dark: true }), change('n', 2), change('on', true)]));
    const { result } = setup(() => [useFlag('theme', {}), useFlag('n', 0), useFlag('on', false)], fake);
    expect(result.current.map((r) => r.value)).toEqual([{ dark: true }, 2, true]);
  });

  it('reports an error (and the default) when no profile could be had', () => {
    const fake = new FakeNinetailed();
    const error = new Error('[ninetailed] down');
    fake.publish({ status: 'error', profile: null, experiences: null, changes: null, error, from: 'api' });
    const { result } = setup(() => useFlag('cta-color', 'blue'), fake);
    expect(result.current).toEqual({ status: 'error', value: 'blue', error });
  });

  it('keeps the same result object while nothing changed', () => {
    const fake = new FakeNinetailed();
    fake.publish(stateWith([], [change('cta-color', 'green')]));
    const { result, rerender } = setup(() => useFlag('cta-color', 'blue'), fake);
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
  });
});
