import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { benchRoot } from './bundles';

/** One measured bundle. */
export interface BundleRow {
  entry: 'core' | 'react' | 'experiences' | 'next';
  sdk: 'ours' | 'v7' | 'floor';
  /** The package the entry imports. */
  from: string;
  min: number;
  gzip: number;
}

// Realistic app entries: what the public docs show an app doing with each package. The very
// same code is bundled against ours and v7 (our constructor accepts v7's second argument).
const CORE_APP = (pkg: string) => `
import { Ninetailed } from '${pkg}';
const ninetailed = new Ninetailed({ clientId: 'YOUR_CLIENT_ID', environment: 'main' }, { locale: 'en-US' });
ninetailed.page({ category: 'news' });
document.querySelector('#buy')?.addEventListener('click', () => ninetailed.track('add_to_cart', { sku: '9T41L' }));
document.querySelector('#login')?.addEventListener('click', () => ninetailed.identify('user-42', { favoriteColor: 'red' }));
ninetailed.onProfileChange((state) => { document.body.dataset.audiences = String(state.profile?.audiences ?? ''); });
`;

const FLOOR_APP = (file: string) => `
import { floorClient } from '${file}';
const ninetailed = floorClient({ url: 'https://experience.ninetailed.co', requestTimeout: 5000 });
ninetailed.page({ category: 'news' });
document.querySelector('#buy')?.addEventListener('click', () => ninetailed.track('add_to_cart', { sku: '9T41L' }));
document.querySelector('#login')?.addEventListener('click', () => ninetailed.identify('user-42', { favoriteColor: 'red' }));
`;

const REACT_APP = (pkg: string) => `
import { NinetailedProvider, useNinetailed, useProfile } from '${pkg}';
function AddToCart() {
  const { track } = useNinetailed();
  return <button onClick={() => track('add_to_cart', { sku: '9T41L' })}>Add to cart</button>;
}
function Audiences() {
  const { loading, profile } = useProfile();
  if (loading) return <p>Loading…</p>;
  return <ul>{(profile?.audiences ?? []).map((a) => <li key={a}>{a}</li>)}</ul>;
}
export function App({ children }) {
  return (
    <NinetailedProvider clientId="YOUR_CLIENT_ID" environment="main">
      <AddToCart />
      <Audiences />
      {children}
    </NinetailedProvider>
  );
}
`;

// A React app that renders experiences: the same `<Experience>` / `useFlag` / `MergeTag` code
// from v7's README, bundled against ours and v7.
const EXPERIENCE_APP = (pkg: string) => `
import { NinetailedProvider, Experience, useFlag, MergeTag } from '${pkg}';
const experiences = [{ id: 'cta-test', type: 'nt_experiment', trafficAllocation: 1,
  distribution: [{ index: 0, start: 0, end: 0.5 }, { index: 1, start: 0.5, end: 1 }],
  components: [{ type: 'EntryReplacement', baseline: { id: 'cta-default' },
    variants: [{ id: 'cta-bold', hidden: false, label: 'Sign up now' }] }] }];
const Cta = ({ label }) => {
  const { value } = useFlag('cta-color', 'blue');
  return <a style={{ color: value }}>{label} <MergeTag id="traits.first_name" fallback="friend" /></a>;
};
export function App() {
  return (
    <NinetailedProvider clientId="YOUR_CLIENT_ID" environment="main">
      <Experience id="cta-default" label="Sign up" component={Cta} experiences={experiences} />
    </NinetailedProvider>
  );
}
`;

const EXTERNAL = ['react', 'react-dom', 'react/*', 'react-dom/*', 'next', 'next/*'];

/** Bundles `code` (resolved from bench/) as an app's production build; returns min and min+gzip bytes. */
export async function measureEntry(code: string, options: { source: boolean }) {
  const result = await build({
    stdin: { contents: code, resolveDir: benchRoot, loader: 'jsx', sourcefile: 'app.jsx' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    external: EXTERNAL,
    write: false,
    logLevel: 'silent',
    conditions: options.source ? ['@ninetailed/source'] : [],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const bytes = result.outputFiles[0]!.contents;
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/**
 * Bundle cost: min+gzip of a realistic app entry for core, React and Next, bundled by esbuild
 * (minified, ESM, browser, production; react, react-dom and next external), for ours, v7 and
 * (core only) the floor client. Deterministic: one run.
 *
 * @example
 * ```ts
 * const rows = await bundleSizes({ source: false });
 * ```
 */
export async function bundleSizes(options: { source: boolean }): Promise<BundleRow[]> {
  const floorFile = join(benchRoot, 'src', 'browser', 'floorClient.ts');
  const plan: [BundleRow['entry'], BundleRow['sdk'], string, string][] = [
    ['core', 'floor', 'floor client (bench/src/browser/floorClient.ts)', FLOOR_APP(floorFile)],
    ['core', 'ours', '@ninetailed/experience.js', CORE_APP('@ninetailed/experience.js')],
    ['core', 'v7', '@ninetailed/experience.js@7.26.0', CORE_APP('v7-core')],
    ['react', 'ours', '@ninetailed/experience.js-react', REACT_APP('@ninetailed/experience.js-react')],
    ['react', 'v7', '@ninetailed/experience.js-react@7.26.0', REACT_APP('v7-react')],
    [
      'experiences',
      'ours',
      '@ninetailed/experience.js-react',
      EXPERIENCE_APP('@ninetailed/experience.js-react'),
    ],
    ['experiences', 'v7', '@ninetailed/experience.js-react@7.26.0', EXPERIENCE_APP('v7-react')],
    ['next', 'ours', '@ninetailed/experience.js-next', REACT_APP('@ninetailed/experience.js-next')],
    ['next', 'v7', '@ninetailed/experience.js-next@7.26.0', REACT_APP('v7-next')],
  ];
  const rows: BundleRow[] = [];
  for (const [entry, sdk, from, code] of plan) {
    rows.push({ entry, sdk, from, ...(await measureEntry(code, options)) });
  }
  return rows;
}
