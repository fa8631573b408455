import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, mergeConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';
import { reactMatrixProjects } from '../react/test/reactMatrix.ts';

const next15 = path.dirname(createRequire(import.meta.url).resolve('next-15/package.json'));

/**
 * The React binding's React 19 / React 18 matrix (../react/test/reactMatrix.ts) for one Next
 * major: the projects are named `next<major>-react-<major>`, and the React 18 one also points
 * Next's own `require('react')` at React 18 (test/nextOnReact18.ts).
 */
function forNext(
  major: string,
  projects: TestProjectInlineConfiguration[],
): TestProjectInlineConfiguration[] {
  return projects.map((project) => {
    const test = project.test ?? {};
    const react18 = test.name === 'react-18';
    return {
      ...project,
      test: {
        ...test,
        name: `next${major}-${test.name}`,
        env: { ...test.env, EXPECTED_NEXT_MAJOR: major },
        setupFiles: [...(test.setupFiles ?? []), ...(react18 ? ['test/nextOnReact18.ts'] : [])],
        // The type tests run once (Next 16, React 19).
        ...(major === '16' ? {} : { typecheck: { enabled: false } }),
      },
    };
  });
}

// What proves a project runs the versions it claims (test/reactVersion.test.tsx, shared with
// the React binding, and test/matrix.test.ts for Next).
const VERSIONS = ['test/reactVersion.test.tsx', 'test/matrix.test.ts'];

// Every test with Next 16 and React 19. With React 18 (a supported pair, Pages Router): the
// router logic (Next mocked) and the real Pages Router. With Next 15 (npm alias `next-15`): the
// tests of the real Next hooks (test/realNext*), the App Router with React 19 only (it needs 19).
export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      projects: [
        ...forNext(
          '16',
          reactMatrixProjects({
            include: ['test/**/*.test.{ts,tsx}'],
            include18: [
              ...VERSIONS,
              'test/appRouter.test.tsx',
              'test/pagesRouter.test.tsx',
              'test/pageProperties.test.tsx',
              'test/realCore.test.tsx',
              'test/realNextPages.test.tsx',
              'test/initialProfile.test.tsx',
            ],
            setupFiles: ['test/setup.ts'],
          }),
        ),
        ...forNext(
          '15',
          reactMatrixProjects({
            include: [...VERSIONS, 'test/realNext*.test.tsx'],
            include18: [...VERSIONS, 'test/realNextPages.test.tsx'],
            alias: [{ find: /^next\/(.*)$/, replacement: `${next15}/$1` }],
            setupFiles: ['test/setup.ts'],
          }),
        ),
      ],
    },
  }),
);
