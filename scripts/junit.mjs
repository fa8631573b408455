// Tiny helpers to write and read JUnit XML, so every check (not only vitest and Playwright)
// counts in the `N passed, N failed` line that CI prints at the end.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const escapeXml = (s) =>
  String(s).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

/** Writes `cases` ({ name, failure? }) as one JUnit test suite. */
export function writeJUnit(file, suite, cases) {
  const failures = cases.filter((c) => c.failure).length;
  const body = cases
    .map(
      (c) =>
        `  <testcase classname="${escapeXml(suite)}" name="${escapeXml(c.name)}">` +
        (c.failure
          ? `<failure message="${escapeXml(c.failure.slice(0, 200))}">${escapeXml(c.failure)}</failure>`
          : '') +
        '</testcase>',
    )
    .join('\n');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n <testsuite name="${escapeXml(suite)}" tests="${cases.length}" failures="${failures}">\n${body}\n </testsuite>\n</testsuites>\n`,
  );
}

/** Counts passed/failed/skipped test cases in one JUnit XML text. */
export function countJUnit(xml) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const re = /<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const m of xml.matchAll(re)) {
    const inner = m[2] ?? '';
    if (/<(failure|error)\b/.test(inner)) failed++;
    else if (/<skipped\b/.test(inner)) skipped++;
    else passed++;
  }
  return { passed, failed, skipped };
}

/** Finds every `reports/*.xml` under `root` (skipping node_modules and build output). */
export function findReports(root) {
  const out = [];
  const walk = (dir, depth) => {
    if (depth > 4) return;
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.') || name === 'dist') continue;
      const p = join(dir, name);
      if (!statSync(p).isDirectory()) continue;
      if (name === 'reports') {
        for (const f of readdirSync(p)) if (f.endsWith('.xml')) out.push(join(p, f));
      } else walk(p, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

export function readReport(file) {
  return countJUnit(readFileSync(file, 'utf8'));
}
