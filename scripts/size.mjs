#!/usr/bin/env node
// Size report: min+gzip of each published package's browser entry, bundled with esbuild as
// an app would bundle it (react, react-dom, next, gatsby external), from the built `dist/`.
// `--check` also enforces the budgets below and writes reports/junit-size.xml.
// Needs `pnpm build` first.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { writeJUnit } from './junit.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `@ninetailed/experience.js-gatsby/runtime` is a webpack alias the plugin's gatsby-node sets
// to the site's own plugins module: app code, not ours.
const external = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  'next',
  'next/*',
  'gatsby',
  'gatsby/*',
  '@ninetailed/experience.js-gatsby/runtime',
];

// What an app's browser bundle takes in from each package. A Gatsby site also bundles the
// plugin's gatsby-browser (provider and route tracking), so it counts.
const entries = [
  { name: '@ninetailed/experience.js', dir: 'core' },
  { name: '@ninetailed/experience.js-react', dir: 'react' },
  { name: '@ninetailed/experience.js-next', dir: 'next' },
  {
    name: '@ninetailed/experience.js-gatsby',
    dir: 'gatsby',
    extra: `export * as gatsbyBrowser from ${JSON.stringify(join(root, 'packages/gatsby/gatsby-browser.js'))};`,
  },
];

/** Bundles `code` from inside packages/<dir> and returns min and min+gzip bytes. */
export async function measure(code, dir) {
  const result = await build({
    stdin: { contents: code, resolveDir: join(root, 'packages', dir), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    external,
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const bytes = result.outputFiles[0].contents;
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** `measure`, or a row that fails every budget it is in (for example a package not built). */
const tryMeasure = (code, dir) =>
  measure(code, dir).catch((error) => ({ min: Number.NaN, gzip: Number.NaN, error: error.message }));

const rows = [];
for (const entry of entries) {
  const all = await tryMeasure(`export * from '${entry.name}';${entry.extra ?? ''}`, entry.dir);
  rows.push({ name: entry.name, dir: entry.dir, ...all });
}
// An app that only sends events: the experience code (selection, view tracking) must tree-shake
// away from it.
const eventsOnly = {
  name: '@ninetailed/experience.js (events-only app: Ninetailed alone)',
  dir: 'core-events',
  ...(await tryMeasure(`export { Ninetailed } from '@ninetailed/experience.js';`, 'core')),
};
// What the React binding takes from the core: the client, the selection and the view tracking
// (not the v7 definition mapper, nor the small standalone helpers).
const experienceCore = {
  name: '@ninetailed/experience.js (client + selection + view tracking)',
  dir: 'core-experiences',
  ...(await tryMeasure(
    `export { Ninetailed, murmur3, selectExperience, selectDistribution, selectExperienceVariant, observeElement, unobserveElement } from '@ninetailed/experience.js';`,
    'core',
  )),
};
rows.splice(1, 0, eventsOnly, experienceCore);
const react = rows.find((r) => r.dir === 'react');
const next = rows.find((r) => r.dir === 'next');
const gatsby = rows.find((r) => r.dir === 'gatsby');

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const table = [
  '| package (browser entry, as an app bundles it) | min | min+gzip |',
  '|---|---:|---:|',
  ...rows.map((r) => `| \`${r.name}\` | ${kb(r.min)} | ${kb(r.gzip)} |`),
].join('\n');
console.log(table);
for (const r of rows) if (r.error) console.log(`✖ ${r.name} could not be bundled (built?): ${r.error}`);

const budgets = [
  { name: 'events-only app (Ninetailed) <= 6 KB min+gzip', actual: eventsOnly.gzip, limit: 6 * 1024 },
  {
    name: 'core client + selection + view tracking <= 7.5 KB min+gzip',
    actual: experienceCore.gzip,
    limit: 7.5 * 1024,
  },
  { name: 'react browser entry <= 9.5 KB min+gzip', actual: react.gzip, limit: 9.5 * 1024 },
  { name: 'next binding adds <= 1 KB min+gzip over react', actual: next.gzip - react.gzip, limit: 1024 },
  { name: 'gatsby binding adds <= 1 KB min+gzip over react', actual: gatsby.gzip - react.gzip, limit: 1024 },
];
for (const b of budgets)
  console.log(`${b.actual <= b.limit ? '✔' : '✖'} ${b.name}: ${b.actual} B (limit ${b.limit} B)`);

mkdirSync(join(root, 'reports'), { recursive: true });
writeFileSync(join(root, 'reports', 'size.json'), JSON.stringify({ rows, budgets }, null, 2));
if (process.argv.includes('--check')) {
  writeJUnit(
    join(root, 'reports', 'junit-size.xml'),
    'size',
    budgets.map((b) => ({
      name: b.name,
      failure: b.actual <= b.limit ? undefined : `${b.actual} B is over the ${b.limit} B budget`,
    })),
  );
  process.exit(budgets.every((b) => b.actual <= b.limit) ? 0 : 1);
}
