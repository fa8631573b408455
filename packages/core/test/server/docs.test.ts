import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { documentedExports } from '../documentedExports';

// Every export of the server entry, and every public member of NinetailedServer, has JSDoc with
// an `@example` (read with the TypeScript checker, so a new export without one fails here).
const entry = fileURLToPath(new URL('../../src/server/index.ts', import.meta.url));
const { exported, hasExample, classMembers } = documentedExports(entry);

describe('server entry documentation', () => {
  it('exports the server client and the cookie helpers', () => {
    expect(exported.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'NinetailedServer',
        'NinetailedServerOptions',
        'readProfileIdCookie',
        'profileIdCookie',
        'NINETAILED_ANONYMOUS_ID_COOKIE',
        'requestContext',
        'NinetailedDeliveryError',
      ]),
    );
  });

  it('every export has an @example', () => {
    expect(exported.filter(([, symbol]) => !hasExample(symbol)).map(([name]) => name)).toEqual([]);
  });

  it('every public member of NinetailedServer has an @example', () => {
    const { members, construct } = classMembers('NinetailedServer');
    expect(members.map((member) => member.name)).toEqual(
      expect.arrayContaining(['page', 'track', 'identify', 'preflight', 'batch', 'getProfile']),
    );
    expect(members.filter((member) => !hasExample(member)).map((member) => member.name)).toEqual([]);
    expect(construct && hasExample(construct)).toBe(true);
  });
});
