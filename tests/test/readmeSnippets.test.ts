import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractSnippets, FRAGMENT_MARKER, type Snippet } from './readme-snippets/extractSnippets.ts';
import { type SnippetError, typecheckSnippets } from './readme-snippets/typecheckSnippets.ts';

/**
 * Every ```ts / ```tsx block of the root README and of each package's README compiles, as a
 * reader would paste it into a strict TypeScript project that installed our packages: the
 * built `dist/` types (no `@ninetailed/source` condition), `jsx: react-jsx`, bundler
 * resolution. A block is skipped only when the line before its fence is
 * `<!-- snippet: fragment -->` (a JSX fragment, a config excerpt). Names of the reader's own
 * app (`App`, `cmsEntries`, ...) come from the prelude in `readme-snippets/prelude.ts`;
 * anything a library exports must be imported by the snippet itself.
 *
 * Needs the four packages built (turbo's `test` task of this workspace depends on `^build`).
 */
const testsRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(testsRoot, '..');
const readmes = [
  'README.md',
  ...readdirSync(join(repoRoot, 'packages'))
    .sort()
    .map((name) => `packages/${name}/README.md`),
];

const extracted = readmes.map((readme) =>
  extractSnippets(readme, readFileSync(join(repoRoot, readme), 'utf8')),
);
const snippets = extracted.flatMap((e) => e.snippets);
const fragments = extracted.reduce((n, e) => n + e.fragments, 0);

// Two snippets that must fail, checked in the same program: proof that the check can fail.
const broken: Snippet = {
  readme: 'broken.md',
  fenceLine: 10,
  lang: 'ts',
  code: [
    "import { Ninetailed } from '@ninetailed/experience.js';",
    '',
    "new Ninetailed({ clientId: 'x' }).track(42);",
  ].join('\n'),
};
const missingImport: Snippet = {
  readme: 'missing-import.md',
  fenceLine: 1,
  lang: 'tsx',
  code: 'export const C = () => <p>{useProfile().status}</p>;',
};

let errors: Map<Snippet, SnippetError[]>;
beforeAll(() => {
  errors = typecheckSnippets([...snippets, broken, missingImport], join(testsRoot, 'node_modules'));
}, 120_000);

describe('README snippets', () => {
  it('finds the snippets of every README, and marks few as fragments', () => {
    expect(readmes).toEqual([
      'README.md',
      'packages/core/README.md',
      'packages/gatsby/README.md',
      'packages/next/README.md',
      'packages/react/README.md',
    ]);
    for (const e of extracted) expect(e.snippets.length).toBeGreaterThan(0);
    expect(fragments).toBeLessThanOrEqual(3);
  });

  it.each(snippets.map((s) => [`${s.readme}:${s.fenceLine} (${s.lang})`, s] as const))(
    '%s compiles',
    (_name, snippet) => {
      expect(errors.get(snippet)?.map((e) => `${e.at}: ${e.message}`)).toEqual([]);
    },
  );

  it('reports a type error at its README line', () => {
    const found = errors.get(broken) ?? [];
    expect(found.map((e) => e.at)).toEqual(['broken.md:13']);
    expect(found[0]?.message).toMatch(/number.*not assignable.*string/);
  });

  it('reports a name used without its import', () => {
    expect(errors.get(missingImport)?.map((e) => e.message)).toEqual(["Cannot find name 'useProfile'."]);
  });
});

describe('extractSnippets', () => {
  it('takes ts and tsx blocks with their fence line, skips marked fragments and other languages', () => {
    const markdown = [
      '# Title', // 1
      '```ts', // 2
      'const a = 1;', // 3
      '```', // 4
      FRAGMENT_MARKER, // 5
      '```tsx', // 6
      '<A />', // 7
      '```', // 8
      '```md', // 9
      '```ts', // 10
      '```', // 11
      '  ```tsx', // 12
      '  const b = <b />;', // 13
      '  ```', // 14
    ].join('\n');
    expect(extractSnippets('x.md', markdown)).toEqual({
      snippets: [
        { readme: 'x.md', fenceLine: 2, lang: 'ts', code: 'const a = 1;' },
        { readme: 'x.md', fenceLine: 12, lang: 'tsx', code: 'const b = <b />;' },
      ],
      fragments: 1,
    });
  });
});
