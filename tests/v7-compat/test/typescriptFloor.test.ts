import { join } from 'node:path';
import ts46 from 'typescript-4.6';
import ts47 from 'typescript-4.7';
import { describe, expect, it } from 'vitest';
import { compatRoot, compile } from './compile.ts';

/**
 * The lowest TypeScript the packages support, as their READMEs state and their optional
 * `typescript` peer range (`>=4.7`) enforces: every entry point's built `.d.ts` files (dist, as
 * installed) compile with 4.7, in both module resolutions, and check clean themselves; 4.6, one
 * minor below, cannot read them (the types are `.d.cts`/`.d.mts` files, which TypeScript reads
 * from 4.7 on), so the floor is real.
 */
const floor = join(compatRoot, 'ts-floor/tsconfig.json');
const floorNode16 = join(compatRoot, 'ts-floor/tsconfig.node16.json');
const app = join(compatRoot, 'app-ts49/tsconfig.json');
// The packages' main entries (`types`: a `.d.cts` file). 4.6 does find the `/server` subpaths
// (`typesVersions` names the file), but not the files those import: with `skipLibCheck` it says
// nothing and their types are `any`.
const packages = [
  '@ninetailed/experience.js',
  '@ninetailed/experience.js-gatsby',
  '@ninetailed/experience.js-next',
  '@ninetailed/experience.js-react',
];

/** Diagnostics in files that are not third-party `.d.ts` files (ours, or the test project's). */
const notThirdParty = (errors: string[]) =>
  errors.filter((error) => !/^(\.\.\/\.\.\/)?node_modules\//.test(error));

describe('the lowest TypeScript: 4.7', () => {
  it('runs the TypeScript versions it claims to', () => {
    expect(ts47.version).toMatch(/^4\.7\./);
    expect(ts46.version).toMatch(/^4\.6\./);
  });

  it('compiles every entry point with TypeScript 4.7 (moduleResolution node, as an app has it)', () => {
    expect(compile(ts47, floor)).toEqual([]);
  }, 120_000);

  it('compiles the v7 Pages Router app with TypeScript 4.7 and React 18 types', () => {
    expect(compile(ts47, app)).toEqual([]);
  }, 120_000);

  it('checks our .d.ts files clean with TypeScript 4.7 and skipLibCheck off, in both module resolutions', () => {
    // Only third-party declarations (next, @types/react, ...) may have errors of their own here.
    for (const tsconfig of [floor, floorNode16]) {
      expect(notThirdParty(compile(ts47, tsconfig, { skipLibCheck: false }))).toEqual([]);
    }
  }, 120_000);

  it('fails with TypeScript 4.6: it cannot read the packages’ .d.cts types', () => {
    const errors = compile(ts46, floor);
    for (const name of packages) {
      expect(errors).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^ts-floor/src/everyEntry\\.ts:\\d+: TS7016 Could not find a declaration file for module '${name}'`,
          ),
        ),
      );
    }
  }, 120_000);
});
