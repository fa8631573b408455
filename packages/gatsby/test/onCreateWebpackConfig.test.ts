// @vitest-environment node
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { onCreateWebpackConfig } from '../src/onCreateWebpackConfig';

const packageSrc = fileURLToPath(new URL('../src/', import.meta.url));
const testDir = fileURLToPath(new URL('./', import.meta.url));

function run(pluginOptions: Record<string, unknown>, siteDirectory = testDir) {
  const setWebpackConfig = vi.fn();
  const panicOnBuild = vi.fn();
  const args = {
    actions: { setWebpackConfig },
    reporter: { panicOnBuild },
    store: { getState: () => ({ program: { directory: siteDirectory } }) },
  };
  onCreateWebpackConfig(args as never, { plugins: [], ...pluginOptions }, () => {});
  return { setWebpackConfig, panicOnBuild };
}

describe('onCreateWebpackConfig', () => {
  it("aliases the runtime module to the site's pluginsModule (relative to the site, no extension)", () => {
    const { setWebpackConfig, panicOnBuild } = run({
      clientId: 'demo',
      pluginsModule: './fixtures/ninetailed-plugins',
    });
    expect(panicOnBuild).not.toHaveBeenCalled();
    expect(setWebpackConfig).toHaveBeenCalledWith({
      resolve: {
        alias: { '@ninetailed/experience.js-gatsby/runtime$': `${testDir}fixtures/ninetailed-plugins.ts` },
      },
    });
  });

  it('accepts an absolute path (what require.resolve gives)', () => {
    const absolute = `${testDir}fixtures/ninetailed-plugins.ts`;
    const { setWebpackConfig } = run({ clientId: 'demo', pluginsModule: absolute }, '/somewhere/else');
    expect(
      setWebpackConfig.mock.calls[0]?.[0].resolve.alias['@ninetailed/experience.js-gatsby/runtime$'],
    ).toBe(absolute);
  });

  it("aliases the runtime module to the package's empty default without a pluginsModule", () => {
    const { setWebpackConfig } = run({ clientId: 'demo' });
    expect(setWebpackConfig).toHaveBeenCalledWith({
      resolve: { alias: { '@ninetailed/experience.js-gatsby/runtime$': `${packageSrc}runtime.ts` } },
    });
  });

  it('stops the build when the pluginsModule is missing (if validation was skipped)', () => {
    const { setWebpackConfig, panicOnBuild } = run({ clientId: 'demo', pluginsModule: './nope' });
    expect(panicOnBuild).toHaveBeenCalledWith('[ninetailed] "pluginsModule" names no file: ./nope');
    expect(setWebpackConfig).not.toHaveBeenCalled();
  });
});
