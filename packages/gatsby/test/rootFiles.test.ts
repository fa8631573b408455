// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import * as browser from '../src/gatsby-browser';
import * as node from '../src/gatsby-node';
import * as ssr from '../src/gatsby-ssr';

// Gatsby resolves gatsby-browser.js / gatsby-ssr.js / gatsby-node.js from the plugin ROOT and
// reads the browser and SSR export names statically: the root files must name every API.
function rootExports(file: string): { names: string[]; from: string } {
  const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
  const match = /export \{([^}]*)\} from '([^']+)';/.exec(text);
  if (!match) throw new Error(`${file} has no "export { ... } from" line`);
  return {
    names: match[1]!
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)
      .sort(),
    from: match[2]!,
  };
}

describe('plugin root files', () => {
  it.each([
    ['gatsby-browser.js', browser, './dist/gatsby-browser.mjs'],
    ['gatsby-ssr.js', ssr, './dist/gatsby-ssr.mjs'],
    ['gatsby-node.js', node, './dist/gatsby-node.cjs'],
  ] as const)('%s re-exports exactly the APIs of its source module from dist', (file, source, from) => {
    const found = rootExports(file);
    expect(found.from).toBe(from);
    expect(found.names).toEqual(Object.keys(source).sort());
    expect(pkg.files).toContain(file);
  });
});
