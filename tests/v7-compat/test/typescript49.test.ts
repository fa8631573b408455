import { join } from 'node:path';
import ts from 'typescript';
import ts49 from 'typescript-4.9';
import { describe, expect, it } from 'vitest';
import { compatRoot, compile } from './compile.ts';

/**
 * The Pages Router app on TypeScript 4.9 (as v7 allowed) with React 18's types:
 * `next build` failed with "'NinetailedProvider' cannot be used as a JSX component. Its return
 * type 'ReactNode' is not a valid JSX element". It compiles against the built packages' types
 * (dist, as installed), on 4.9 and on this repository's TypeScript.
 */
const app = join(compatRoot, 'app-ts49/tsconfig.json');
const control = join(compatRoot, 'control/tsconfig.json');

describe('a v7 Pages Router app on TypeScript 4.9', () => {
  it('runs the TypeScript it claims to', () => {
    expect(ts49.version).toMatch(/^4\.9\./);
    expect(ts.version).toMatch(/^5\./);
  });

  it('compiles with TypeScript 4.9 and React 18 types', () => {
    expect(compile(ts49, app)).toEqual([]);
  }, 120_000);

  it('compiles with TypeScript 5.9 too', () => {
    expect(compile(ts, app)).toEqual([]);
  }, 120_000);

  it("catches the issue's error: TypeScript 4.9 refuses a component typed as returning ReactNode", () => {
    const errors = compile(ts49, control);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /ReactNodeComponent\.tsx:5: TS2786 'ReturnsReactNode' cannot be used as a JSX component/,
    );
    expect(compile(ts, control)).toEqual([]);
  }, 120_000);
});
