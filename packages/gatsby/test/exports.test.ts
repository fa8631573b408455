import * as react from '@ninetailed/experience.js-react';
import { describe, expect, it } from 'vitest';
import * as gatsby from '../src';

describe('@ninetailed/experience.js-gatsby exports', () => {
  it('re-exports every name of the React binding (and so of the core), as the same values', () => {
    const fromReact = new Map(Object.entries(react));
    const fromGatsby = new Map(Object.entries(gatsby));
    expect([...fromReact.keys()]).toEqual(
      expect.arrayContaining(['Ninetailed', 'NinetailedProvider', 'useNinetailed', 'useProfile']),
    );
    for (const [name, value] of fromReact) expect(fromGatsby.get(name), name).toBe(value);
    // Plus v7's Tracker, which throws naming the replacement.
    expect([...fromGatsby.keys()].sort()).toEqual([...fromReact.keys(), 'Tracker'].sort());
  });
});
