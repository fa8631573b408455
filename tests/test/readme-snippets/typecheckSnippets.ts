import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import type { Snippet } from './extractSnippets.ts';
import { SNIPPET_PRELUDE } from './prelude.ts';

/** A compiler error in a snippet, placed at its README line. */
export interface SnippetError {
  /** `README.md:42`, the line in the README where the error is. */
  at: string;
  message: string;
}

/**
 * What a user's project would use: strict, React's automatic JSX runtime, bundler resolution,
 * and no `@ninetailed/source` condition, so `@ninetailed/experience.js*` resolve to the built
 * `dist/` types through the packages' `exports`, exactly as from npm.
 */
export const SNIPPET_COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  types: ['node'],
  isolatedModules: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
};

/** A first line such as `// src/lib/ninetailedServer.ts` or `// app/layout.tsx (server)`. */
const NAMED_FILE = /^\/\/ ((?:[\w.[\]-]+\/)*[\w.[\]-]+\.(?:ts|tsx))(?:\s|$)/;

/**
 * Writes each snippet to its own file in a temp directory (whose `node_modules` is a link to
 * `modulesDir`, so imports resolve as in a project that installed the packages), adds the
 * prelude, typechecks them all in one program and returns each snippet's errors.
 *
 * Each README gets its own project folder. A snippet whose first line names its file
 * (`// src/proxy.ts ...`) is written at that path in its README's folder, so the snippets of
 * one README can import each other as the README shows (`import { ninetailed } from
 * './lib/ninetailedServer'`); two snippets of one README naming the same path are an error.
 * Other snippets get a name of their own.
 *
 * @example
 * const errors = typecheckSnippets(snippets, join(testsRoot, 'node_modules'));
 */
export function typecheckSnippets(snippets: Snippet[], modulesDir: string): Map<Snippet, SnippetError[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ninetailed-readme-snippets-'));
  try {
    symlinkSync(modulesDir, join(dir, 'node_modules'), 'dir');
    const prelude = join(dir, 'snippet-prelude.d.ts');
    writeFileSync(prelude, SNIPPET_PRELUDE);
    const files = new Map<string, Snippet>();
    snippets.forEach((snippet, i) => {
      const project = join(dir, snippet.readme.replace(/[^\w]+/g, '-'));
      const named = NAMED_FILE.exec(snippet.code)?.[1];
      const file = join(project, named ?? `snippet-${i}-L${snippet.fenceLine}.${snippet.lang}`);
      const taken = files.get(file);
      if (taken) {
        throw new Error(
          `${snippet.readme}:${snippet.fenceLine} and :${taken.fenceLine} both name their file ${named}: give each its own path`,
        );
      }
      mkdirSync(dirname(file), { recursive: true });
      // `export {}` makes every snippet a module, so snippets never share top-level names.
      writeFileSync(file, `${snippet.code}\nexport {};\n`);
      files.set(file, snippet);
    });
    const program = ts.createProgram([prelude, ...files.keys()], SNIPPET_COMPILER_OPTIONS);
    const errors = new Map<Snippet, SnippetError[]>(snippets.map((s) => [s, []]));
    const unplaced = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
    for (const source of program.getSourceFiles()) {
      const snippet = files.get(source.fileName);
      const diagnostics = [
        ...program.getSyntacticDiagnostics(source),
        ...program.getSemanticDiagnostics(source),
      ];
      if (!snippet) {
        if (source.fileName === prelude) unplaced.push(...diagnostics);
        continue;
      }
      for (const d of diagnostics) {
        const { line } = source.getLineAndCharacterOfPosition(d.start ?? 0);
        errors.get(snippet)?.push({
          at: `${snippet.readme}:${snippet.fenceLine + 1 + line}`,
          message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
        });
      }
    }
    if (unplaced.length > 0) {
      throw new Error(
        `the snippet program itself has errors:\n${ts.formatDiagnostics(unplaced, {
          getCanonicalFileName: (f) => f,
          getCurrentDirectory: () => dir,
          getNewLine: () => '\n',
        })}`,
      );
    }
    return errors;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
