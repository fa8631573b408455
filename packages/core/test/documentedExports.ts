import ts from 'typescript';

/**
 * Reads an entry's exports with the TypeScript checker, for the docs tests (house style: every
 * public export, and every public member of its classes, has JSDoc with an `@example`).
 */
export function documentedExports(entry: string) {
  const program = ts.createProgram([entry], {
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  });
  const checker = program.getTypeChecker();
  const resolve = (symbol: ts.Symbol) =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const hasExample = (symbol: ts.Symbol) =>
    symbol.getJsDocTags(checker).some((tag) => tag.name === 'example');
  const exported = checker
    .getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!)
    .map((symbol) => [symbol.name, resolve(symbol)] as const);
  /** The public (not private) members of the exported class `name`, and its constructor. */
  const classMembers = (name: string) => {
    const symbol = exported.find(([exportName]) => exportName === name)![1];
    const members = checker
      .getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))
      .filter(
        (member) =>
          !member.valueDeclaration ||
          !(ts.getCombinedModifierFlags(member.valueDeclaration) & ts.ModifierFlags.Private),
      );
    return { members, construct: symbol.members?.get('__constructor' as ts.__String) };
  };
  return { exported, hasExample, classMembers };
}
