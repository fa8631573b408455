// The seed app's own declarations of the SDK's calls and how it used them (v7 code, unchanged).
import { Ninetailed } from '@ninetailed/experience.js';

type Traits = { [key: string]: unknown };
// biome-ignore lint/complexity/noBannedTypes: the seed's own declaration, kept as written.
type Page = (properties?: Object) => Promise<void>;
// biome-ignore lint/complexity/noBannedTypes: the seed's own declaration, kept as written.
type Track = (event: string, properties?: Object) => Promise<void>;
type Identify = (uid: string, traits?: Traits) => Promise<void>;

/** The seed's analytics facade, typed with its own declarations. */
export interface Analytics {
  page: Page;
  track: Track;
  identify: Identify;
}

/**
 * v7's two-argument constructor with v7's options and callbacks, as the seed wrote it.
 *
 * @example
 * const analytics = createAnalytics('http://127.0.0.1:3030', []);
 */
export function createAnalytics(url: string, logs: unknown[][], fetchImpl?: typeof fetch): Analytics {
  const ninetailed = new Ninetailed(
    { clientId: 'demo', environment: 'main' },
    {
      url,
      componentViewTrackingThreshold: 2000,
      requestTimeout: 5000,
      fetchImpl,
      onLog: (message: string, ...args: unknown[]) => void logs.push([message, ...args]),
      onError: (message: string | Error, ...args: unknown[]) => void logs.push(['error', message, ...args]),
    },
  );
  return { page: ninetailed.page, track: ninetailed.track, identify: ninetailed.identify };
}

/**
 * v7's calls with their results: `FlushResult`, per-call options.
 *
 * @example
 * await v7Calls(new Ninetailed({ clientId: 'demo' }));
 */
export async function v7Calls(ninetailed: Ninetailed): Promise<boolean[]> {
  const page = await ninetailed.page({ category: 'news' }, { plugins: { all: true } });
  const track = await ninetailed.track('add_to_cart', { sku: '9T41L' }, { plugins: { all: false } });
  const identify = await ninetailed.identify('', { favoriteColor: 'red' });
  const state = ninetailed.profileState;
  if (state.status === 'success') void state.profile.id;
  if (state.status === 'error') void state.error.message;
  return [page.success, track.success, identify.success];
}
