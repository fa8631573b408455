import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The React 18 / React 19 test matrix of the bindings, in one place: the React binding's
 * `vitest.config.ts` and the Gatsby plugin's use it (a binding on top of the React one may
 * too). Two vitest projects run the same tests:
 *
 * - `react-19`: the installed react/react-dom;
 * - `react-18`: the `react-18` / `react-dom-18` npm aliases (devDependencies of this package),
 *   reached by absolute-path aliases for `react`, `react-dom` and their subpaths; the ESM build
 *   of @testing-library/react, so that vite (not Node) resolves its imports and the aliases
 *   reach them; and `setupReact18.ts`, which fixes the one `require('react')` vite cannot see
 *   (react-dom-18's own, which pnpm resolved to 19).
 *
 * `reactVersionSuite.tsx` asserts the version each project really runs, so the matrix cannot
 * silently run 19 twice. Paths are resolved from this package, so every user of the matrix runs
 * the very same React copies.
 *
 * @example
 * ```ts
 * // vitest.config.ts of a binding
 * export default mergeConfig(sharedVitestConfig, defineConfig({
 *   test: { projects: reactMatrixProjects({ include: ['test/**\/*.test.{ts,tsx}'] }) },
 * }));
 * ```
 */
export interface ReactMatrixOptions {
  /** Test files of the `react-19` project. */
  include: string[];
  /** Test files of the `react-18` project (default: `include`). */
  include18?: string[];
  /** Files left out of the `react-18` project (checks that do not depend on React run once). */
  exclude18?: string[];
  /** Aliases of both projects, before the React 18 ones (for example a webpack-only module id). */
  alias?: Array<{ find: string | RegExp; replacement: string }>;
  /** Setup files of both projects (after the React 18 resolver in `react-18`). */
  setupFiles?: string[];
}

const require = createRequire(import.meta.url);
const react18 = path.dirname(require.resolve('react-18/package.json'));
const reactDom18 = path.dirname(require.resolve('react-dom-18/package.json'));
const testingLibraryEsm = path.join(
  path.dirname(require.resolve('@testing-library/react/package.json')),
  'dist/@testing-library/react.esm.js',
);
const setupReact18 = fileURLToPath(new URL('./setupReact18.ts', import.meta.url));

/** The `react-19` and `react-18` vitest projects for {@link ReactMatrixOptions}. */
export function reactMatrixProjects(options: ReactMatrixOptions): TestProjectInlineConfiguration[] {
  const { include, include18 = include, exclude18 = [], alias = [], setupFiles = [] } = options;
  return [
    {
      extends: true,
      resolve: { alias },
      test: {
        name: 'react-19',
        environment: 'jsdom',
        include,
        env: { EXPECTED_REACT_MAJOR: '19' },
        setupFiles,
      },
    },
    {
      extends: true,
      resolve: {
        alias: [
          ...alias,
          { find: /^react$/, replacement: react18 },
          { find: /^react\/(.*)$/, replacement: `${react18}/$1` },
          { find: /^react-dom$/, replacement: reactDom18 },
          { find: /^react-dom\/(.*)$/, replacement: `${reactDom18}/$1` },
          { find: /^@testing-library\/react$/, replacement: testingLibraryEsm },
        ],
      },
      test: {
        name: 'react-18',
        environment: 'jsdom',
        env: { EXPECTED_REACT_MAJOR: '18' },
        // The type tests run once, in the react-19 project (the types are React 19's).
        typecheck: { enabled: false },
        include: include18,
        exclude: exclude18,
        setupFiles: [setupReact18, ...setupFiles],
        server: { deps: { inline: [/@testing-library[\\/]react/] } },
      },
    },
  ];
}
