import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentedExports } from './documentedExports';

// House style: every public export (and every public member of the `Ninetailed` class) has JSDoc
// with an `@example`. Read from the source with the TypeScript checker, so a new export without
// one fails here.
const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const { exported, hasExample, classMembers } = documentedExports(entry);

describe('public API documentation', () => {
  it('reads the public exports', () => {
    expect(exported.map(([name]) => name)).toEqual(
      expect.arrayContaining(['Ninetailed', 'NinetailedOptions', 'ProfileState', 'NinetailedPlugin']),
    );
  });

  it('every public export has an @example', () => {
    expect(exported.filter(([, symbol]) => !hasExample(symbol)).map(([name]) => name)).toEqual([]);
  });

  it('every public member of Ninetailed has an @example', () => {
    const { members, construct } = classMembers('Ninetailed');
    expect(members.map((member) => member.name)).toEqual(
      expect.arrayContaining(['page', 'track', 'identify', 'profileState', 'clientId']),
    );
    expect(members.filter((member) => !hasExample(member)).map((member) => member.name)).toEqual([]);
    expect(construct && hasExample(construct)).toBe(true);
  });
});
