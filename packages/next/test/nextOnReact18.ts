import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Setup of the `react-18` projects, after the shared one (`../react/test/setupReact18.ts`, which
 * points react-dom-18's own `require('react')` at React 18). Next's modules are loaded by Node's
 * `require` too, and pnpm resolved their `react` peer to the workspace's React 19: their requests
 * for `react` go to the same React 18 here. `test/matrix.test.ts` proves the result.
 */
const require = createRequire(import.meta.url);
const moduleApi = require('node:module') as {
  _resolveFilename: (request: string, parent?: { filename?: string }, ...rest: unknown[]) => string;
};
const flag = Symbol.for('ninetailed.next.react18.resolve');
const store = globalThis as { [flag]?: boolean };

if (!store[flag]) {
  store[flag] = true;
  const dir = (name: string) => path.dirname(require.resolve(`${name}/package.json`)) + path.sep;
  const react18 = dir('react-18');
  const nextDirs = [dir('next'), dir('next-15')];
  const resolve = moduleApi._resolveFilename;
  moduleApi._resolveFilename = function (request, parent, ...rest) {
    const fromNext = nextDirs.some((root) => parent?.filename?.startsWith(root));
    const target =
      fromNext && /^react(\/|$)/.test(request) ? react18 + request.slice('react/'.length) : request;
    return resolve.call(this, target, parent, ...rest);
  };
}
