import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Setup of the `react-18` vitest project. `react-dom-18` (npm:react-dom@18.3.1) is
 * installed next to react 19 (pnpm resolved its `react` peer to the workspace's 19), and
 * vitest loads it with Node's own `require`, which vite's aliases do not reach. So requests
 * for `react` made from inside react-dom-18 are pointed at react-18 here; nothing else is
 * touched. `test/reactVersion.test.tsx` proves the result.
 */
type ResolveFilename = (
  request: string,
  parent: { filename?: string } | undefined,
  ...rest: unknown[]
) => string;
const require = createRequire(import.meta.url);
const moduleApi = require('node:module') as { _resolveFilename: ResolveFilename };
const flag = Symbol.for('ninetailed.react18.resolve');
const store = globalThis as { [flag]?: boolean };

if (!store[flag]) {
  store[flag] = true;
  const react18 = path.dirname(require.resolve('react-18/package.json'));
  const reactDom18 = path.dirname(require.resolve('react-dom-18/package.json'));
  const original = moduleApi._resolveFilename;
  moduleApi._resolveFilename = function resolveFilename(request, parent, ...rest) {
    const fromReactDom18 = parent?.filename?.startsWith(reactDom18 + path.sep) ?? false;
    const target =
      fromReactDom18 && (request === 'react' || request.startsWith('react/'))
        ? react18 + request.slice('react'.length)
        : request;
    return original.call(this, target, parent, ...rest);
  };
}
