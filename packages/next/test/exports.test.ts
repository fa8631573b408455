import * as core from '@ninetailed/experience.js';
import * as react from '@ninetailed/experience.js-react';
import { describe, expect, it } from 'vitest';
import * as next from '../src';

describe('public names', () => {
  it('re-exports every public name of the React binding (and so of the core), the same values', () => {
    const nextNames: Record<string, unknown> = { ...next };
    const reactNames: Record<string, unknown> = { ...react };
    for (const name of Object.keys(reactNames)) {
      expect(next, name).toHaveProperty(name);
      if (name !== 'NinetailedProvider') expect(nextNames[name], name).toBe(reactNames[name]);
    }
    for (const name of Object.keys(core)) expect(next, name).toHaveProperty(name);
  });

  it('replaces the React NinetailedProvider with the route-tracking one and adds its own names', () => {
    expect(next.NinetailedProvider).not.toBe(react.NinetailedProvider);
    const own = Object.keys(next).filter((name) => !(name in react));
    expect(own.sort()).toEqual([
      'NinetailedSsrPlugin',
      'PageProperties',
      'decodeExperienceVariantsMap',
      'usePageProperties',
    ]);
  });
});
