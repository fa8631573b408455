import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// House style: every public export (and every public member of the `Ninetailed` class) has JSDoc
// with an `@example`. Read from the source with the TypeScript checker, so a new export without
// one fails here.
const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
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
    const ninetailed = exported.find(([name]) => name === 'Ninetailed')![1];
    const members = checker
      .getPropertiesOfType(checker.getDeclaredTypeOfSymbol(ninetailed))
      .filter(
        (member) =>
          !member.valueDeclaration ||
          !(ts.getCombinedModifierFlags(member.valueDeclaration) & ts.ModifierFlags.Private),
      );
    expect(members.map((member) => member.name)).toEqual(
      expect.arrayContaining(['page', 'track', 'identify', 'profileState', 'clientId']),
    );
    expect(members.filter((member) => !hasExample(member)).map((member) => member.name)).toEqual([]);
    const construct = ninetailed.members?.get('__constructor' as ts.__String);
    expect(construct && hasExample(construct)).toBe(true);
  });
});
