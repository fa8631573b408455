#!/usr/bin/env node
// Packs every published package as npm would publish it, then checks each tarball with
// publint and @arethetypeswrong/cli, and finally installs the four tarballs into a scratch
// project and imports them as a user would (ESM import and CJS require, on the server).
// Needs `pnpm build` first. Writes reports/junit-packages.xml.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { writeJUnit } from './junit.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packDir = join(root, '.pack');
rmSync(packDir, { recursive: true, force: true });
mkdirSync(packDir, { recursive: true });

const published = readdirSync(join(root, 'packages'))
  .map((dir) => join(root, 'packages', dir))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ pkg }) => !pkg.private);

const cases = [];
const tarballs = new Map();

for (const { dir, pkg } of published) {
  // pnpm pack rewrites `workspace:*` to real versions, as `pnpm publish` would.
  const out = execFileSync('pnpm', ['pack', '--pack-destination', packDir, '--json'], {
    cwd: dir,
    encoding: 'utf8',
  });
  const tarball = JSON.parse(out).filename;
  tarballs.set(pkg.name, tarball);

  const bytes = readFileSync(tarball);
  const { messages, pkg: packed } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    strict: true,
    level: 'suggestion',
  });
  const problems = messages.map((m) => `${m.type}: ${formatMessage(m, packed)}`);
  console.log(`publint ${pkg.name}: ${problems.length ? `\n  ${problems.join('\n  ')}` : 'ok'}`);
  cases.push({ name: `publint ${pkg.name}`, failure: problems.length ? problems.join('\n') : undefined });

  const attw = spawnSync('pnpm', ['exec', 'attw', tarball, '--format', 'ascii', '--no-color'], {
    cwd: root,
    encoding: 'utf8',
  });
  const attwOk = attw.status === 0;
  console.log(`attw ${pkg.name}: ${attwOk ? 'ok' : `\n${attw.stdout}${attw.stderr}`}`);
  cases.push({ name: `attw ${pkg.name}`, failure: attwOk ? undefined : `${attw.stdout}${attw.stderr}` });
}

// Consumer check: unpack the tarballs into node_modules of a scratch app (what `npm install`
// would do), link the peer dependencies from the workspace, and import every package both ways.
const app = join(packDir, 'consumer');
const nm = join(app, 'node_modules');
mkdirSync(join(nm, '@ninetailed'), { recursive: true });
for (const [name, tarball] of tarballs) {
  const target = join(nm, name);
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
}
const fromReact = createRequire(join(root, 'packages', 'react', 'package.json'));
for (const peer of ['react', 'react-dom']) {
  const peerDir = dirname(fromReact.resolve(`${peer}/package.json`));
  if (!existsSync(join(nm, peer))) symlinkSync(peerDir, join(nm, peer), 'dir');
}
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
const consumerCheck = `
const names = ${JSON.stringify([...tarballs.keys()])};
const core = await import('@ninetailed/experience.js');
const coreRequired = require('@ninetailed/experience.js');
if (typeof core.Ninetailed !== 'function' || typeof coreRequired.Ninetailed !== 'function') throw new Error('core: Ninetailed missing');
for (const name of names) {
  if (name.endsWith('-next') || name.endsWith('-gatsby')) continue; // need next / gatsby installed
  const esm = await import(name);
  const cjs = require(name);
  for (const key of Object.keys(core)) {
    if (!(key in esm)) throw new Error(name + ' (ESM) does not re-export ' + key);
    if (!(key in cjs)) throw new Error(name + ' (CJS) does not re-export ' + key);
  }
}
// On the server the SDK is a safe no-op: calls resolve at once.
const nt = new core.Ninetailed({ clientId: 'demo' });
await nt.page();
await nt.track('x');
console.log('consumer ok:', names.join(', '));
`;
writeFileSync(
  join(app, 'check.mjs'),
  `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n${consumerCheck}`,
);
const consumer = spawnSync('node', ['check.mjs'], { cwd: app, encoding: 'utf8' });
console.log(consumer.stdout + consumer.stderr);
cases.push({
  name: 'packed packages import as a user would (ESM + CJS)',
  failure: consumer.status === 0 ? undefined : consumer.stdout + consumer.stderr,
});

writeJUnit(join(root, 'reports', 'junit-packages.xml'), 'packages', cases);
const failed = cases.filter((c) => c.failure).length;
console.log(`packages: ${cases.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
