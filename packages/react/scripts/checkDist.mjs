// Runs after `tsdown` (see the `build` script): the per-file build must keep `'use client'`
// at the top of every client module (every module but the barrel), in ESM and CJS, and must
// not add it to the barrel (index), which re-exports the core for server code too.
// test/useClient.test.ts checks the same of src/.
import { readdirSync, readFileSync } from 'node:fs';

const directive = /^\s*['"]use client['"];?/;
const problems = [];
let checked = 0;
for (const file of readdirSync('src')) {
  if (!/\.tsx?$/.test(file) || /\.test(-d)?\.tsx?$/.test(file)) continue;
  const name = file.replace(/\.tsx?$/, '');
  const client = name !== 'index';
  for (const ext of ['mjs', 'cjs']) {
    const built = readFileSync(`dist/${name}.${ext}`, 'utf8');
    checked += 1;
    if (directive.test(built) !== client) {
      problems.push(
        `dist/${name}.${ext}: expected ${client ? "'use client' at the top" : "no 'use client'"}`,
      );
    }
  }
}
if (problems.length > 0) {
  console.error(`[ninetailed] dist check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`[ninetailed] dist check: 'use client' correct in ${checked} files`);
