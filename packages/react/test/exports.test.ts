// @vitest-environment node
import { fileURLToPath } from 'node:url';
import * as core from '@ninetailed/experience.js';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as binding from '../src';

/** Every name (values and types) a module exports, as the TypeScript compiler sees it. */
function exportedNames(program: ts.Program, file: string): string[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) throw new Error(`[test] cannot read the exports of ${file}`);
  return checker
    .getExportsOfModule(symbol)
    .map((s) => s.name)
    .sort();
}

describe('public names', () => {
  it('re-exports every runtime export of the core, as the same value', () => {
    const coreNames = Object.keys(core).sort();
    expect(coreNames).toContain('Ninetailed');
    for (const name of coreNames) {
      expect(binding, `missing core export "${name}"`).toHaveProperty(name);
      expect((binding as Record<string, unknown>)[name], name).toBe((core as Record<string, unknown>)[name]);
    }
  });

  it('adds exactly the React values', () => {
    const added = Object.keys(binding)
      .filter((name) => !(name in core))
      .sort();
    expect(added).toEqual([
      'ESRLoadingComponent',
      'ESRProvider',
      'Experience',
      'MergeTag',
      'NinetailedContext',
      'NinetailedProvider',
      'createNinetailedApi',
      'createPageTracker',
      'useExperience',
      'useFlag',
      'useNinetailed',
      'usePageTracking',
      'useProfile',
    ]);
  });

  it('re-exports every type of the core too', () => {
    const coreIndex = fileURLToPath(new URL('../../core/src/index.ts', import.meta.url));
    const reactIndex = fileURLToPath(new URL('../src/index.ts', import.meta.url));
    const program = ts.createProgram([reactIndex, coreIndex], {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      customConditions: ['@ninetailed/source'],
      jsx: ts.JsxEmit.ReactJSX,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    });
    const coreNames = exportedNames(program, coreIndex);
    const reactNames = exportedNames(program, reactIndex);
    expect(coreNames).toEqual(
      expect.arrayContaining(['Ninetailed', 'NinetailedOptions', 'ProfileState', 'Profile']),
    );
    expect(coreNames.filter((name) => !reactNames.includes(name))).toEqual([]);
    expect(reactNames.filter((name) => !coreNames.includes(name))).toEqual([
      'ESRLoadingComponent',
      'ESRProvider',
      'Experience',
      'ExperienceBaseProps',
      'ExperienceComponent',
      'ExperienceLoadingComponent',
      'ExperienceProps',
      'FlagResult',
      'MergeTag',
      'MergeTagProps',
      'NinetailedApi',
      'NinetailedContext',
      'NinetailedProvider',
      'NinetailedProviderExperienceProps',
      'NinetailedProviderInstanceProps',
      'NinetailedProviderInstantiationProps',
      'NinetailedProviderOptionsProps',
      'NinetailedProviderProps',
      'OnRouteChange',
      'PageTracker',
      'PageTrackingOptions',
      'RouteChange',
      'UseExperienceArgs',
      'UseExperienceReturn',
      'UseFlagOptions',
      'UseProfileResult',
      'createNinetailedApi',
      'createPageTracker',
      'useExperience',
      'useFlag',
      'useNinetailed',
      'usePageTracking',
      'useProfile',
    ]);
  }, 30_000);
});
