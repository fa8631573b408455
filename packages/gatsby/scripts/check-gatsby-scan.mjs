#!/usr/bin/env node
// Gatsby's query extraction reads every file of a dependency whose name contains "gatsby"
// (this package), and parses, with its own Babel options, each file that mentions one of
// its API words. A `.d.mts`/`.d.cts` is parsed as Flow there, so a declaration file that
// says "Head" or "config" in a comment fails the SITE's build (GRAPHQL.EXTRACTION, #85911).
// This check runs after tsdown and parses what Gatsby would, exactly as Gatsby would.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { babelParseToAst } = require('gatsby/dist/utils/babel-parse-to-ast');

// Gatsby: `*.?(m|c)+(t|j)s?(x)` outside node_modules, minus `.d.ts`; and the words it looks for.
const SCANNED = /\.(m|c)?[tj]sx?$/;
const WORDS = ['graphql', 'gatsby-plugin-image', 'getServerData', 'config', 'Slice', 'Head'];

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (SCANNED.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

const failures = [];
let parsed = 0;
for (const file of files(root)) {
  const text = readFileSync(file, 'utf8');
  if (!WORDS.some((word) => text.includes(word))) continue;
  parsed += 1;
  try {
    babelParseToAst(text, file);
  } catch (error) {
    failures.push(`${relative(root, file)}: ${error.message}`);
  }
}
if (failures.length > 0) {
  console.error(`[ninetailed] Gatsby could not parse these files of the plugin:\n  ${failures.join('\n  ')}`);
  console.error('Reword the comments (or types) so Gatsby can read them; see scripts/check-gatsby-scan.mjs.');
  process.exit(1);
}
console.log(`check-gatsby-scan: ${parsed} files Gatsby will parse, all parse.`);
