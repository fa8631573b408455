import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TS from 'typescript';

/** This workspace's root. */
export const compatRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Compiles the project of `tsconfigPath` with the given TypeScript module (its own API, as `tsc -p`
 * would) and returns every diagnostic as `file:line: TSnnnn message`.
 *
 * @example
 * compile(ts, join(compatRoot, 'app-ts49/tsconfig.json')); // [] when it compiles
 */
export function compile(
  compiler: object,
  tsconfigPath: string,
  overrides: TS.CompilerOptions = {},
): string[] {
  // 4.9 or 5.x: the calls below exist in both with the same shape.
  const ts = compiler as typeof TS;
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfigPath, overrides, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`[ninetailed] cannot read ${tsconfigPath}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  return [...parsed.errors, ...ts.getPreEmitDiagnostics(program)].map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return `TS${d.code} ${text}`;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${relative(compatRoot, d.file.fileName)}:${line + 1}: TS${d.code} ${text}`;
  });
}
