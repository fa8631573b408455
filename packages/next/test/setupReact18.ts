import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Setup of the `next15-react18` project. Vite's aliases do not reach the packages vitest
 * loads with Node's own `require` (react-dom-18 and next-15, whose `react` peer pnpm resolved
 * to the workspace's React 19), so requests for `react`/`react-dom` made from inside them are
 * pointed at React 18 here. test/matrix.test.ts proves the result.
 */
type ResolveFilename = (
  request: string,
  parent: { filename?: string } | undefined,
  ...rest: unknown[]
) => string;
const require = createRequire(import.meta.url);
const moduleApi = require('node:module') as { _resolveFilename: ResolveFilename };
const flag = Symbol.for('ninetailed.next.react18.resolve');
const store = globalThis as { [flag]?: boolean };

if (!store[flag]) {
  store[flag] = true;
  const dir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
  const react18 = dir('react-18');
  const reactDom18 = dir('react-dom-18');
  const redirected = [reactDom18, dir('next-15')];
  const original = moduleApi._resolveFilename;
  moduleApi._resolveFilename = function resolveFilename(request, parent, ...rest) {
    const fromRedirected = redirected.some((root) => parent?.filename?.startsWith(root + path.sep));
    let target = request;
    if (fromRedirected && (request === 'react' || request.startsWith('react/'))) {
      target = react18 + request.slice('react'.length);
    } else if (fromRedirected && (request === 'react-dom' || request.startsWith('react-dom/'))) {
      target = reactDom18 + request.slice('react-dom'.length);
    }
    return original.call(this, target, parent, ...rest);
  };
}
