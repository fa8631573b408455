import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every export of the server entry, and every public member of NinetailedServer, has JSDoc with
// an `@example` (read with the TypeScript checker, so a new export without one fails here).
const entry = fileURLToPath(new URL('../../src/server/index.ts', import.meta.url));
const program = ts.createProgram([entry], {
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
});
const checker = program.getTypeChecker();
const resolve = (symbol: ts.Symbol) =>
  symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
const hasExample = (symbol: ts.Symbol) => symbol.getJsDocTags(checker).some((tag) => tag.name === 'example');
const exported = checker
  .getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!)
  .map((symbol) => [symbol.name, resolve(symbol)] as const);

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
    const server = exported.find(([name]) => name === 'NinetailedServer')![1];
    const members = checker
      .getPropertiesOfType(checker.getDeclaredTypeOfSymbol(server))
      .filter(
        (member) =>
          !member.valueDeclaration ||
          !(ts.getCombinedModifierFlags(member.valueDeclaration) & ts.ModifierFlags.Private),
      );
    expect(members.map((member) => member.name)).toEqual(
      expect.arrayContaining(['page', 'track', 'identify', 'preflight', 'batch', 'getProfile']),
    );
    expect(members.filter((member) => !hasExample(member)).map((member) => member.name)).toEqual([]);
    const construct = server.members?.get('__constructor' as ts.__String);
    expect(construct && hasExample(construct)).toBe(true);
  });
});
