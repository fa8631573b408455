import type { BenchSdk, ProfileStatus, SdkConfig, SdkFactory } from './benchSdk';

/** What a bench page offers the runner as `window.__bench`. */
export interface PageBench {
  name: string;
  config: SdkConfig;
  /** Constructs the SDK (once). */
  init(): void;
  /** `page()` on the SDK (after `init()`). */
  page(properties?: Record<string, unknown>): Promise<unknown>;
  /** Polls `profileState.status` until it leaves `loading`, or `timeoutMs`. */
  waitReady(timeoutMs: number): Promise<ProfileStatus>;
  /**
   * Makes `n` `track()` calls in one synchronous loop. `loopMs`: the loop alone. `blockedMs`:
   * until the page can run its next task, so with the microtasks the calls queued (promise
   * chains run before any input, timer or rendering task: the main thread is blocked for them too).
   */
  trackLoop(n: number, run: string): Promise<{ loopMs: number; blockedMs: number }>;
  /** Makes `n` `track()` calls tagged `{ run, seq }` with seq from `from`; returns how many were accepted. */
  burst(n: number, run: string, from: number): number;
  /**
   * Constructs the SDK and calls `page()` at once (what an app does on load); returns the
   * milliseconds the constructor took and from before construction to the start of the first
   * request to the API (Resource Timing), or `null` if none started within 5 s.
   */
  timeToFirstRequest(): Promise<{ constructMs: number; firstRequestMs: number | null }>;
}

declare global {
  interface Window {
    __bench: PageBench;
  }
}

/**
 * Installs `window.__bench` for the SDK `factory` makes. The page's query string carries the
 * config: `api` (base URL), `timeout` (requestTimeout ms), and `auto=1` to construct the SDK
 * and send `page()` on load, as an app does (used after a reload).
 *
 * @example
 * ```ts
 * exposeBench('ours', (config) => new Ninetailed({ clientId: 'demo', ...config }));
 * ```
 */
export function exposeBench(name: string, factory: SdkFactory): void {
  const query = new URLSearchParams(location.search);
  const config: SdkConfig = {
    url: query.get('api') ?? 'http://127.0.0.1:3030',
    requestTimeout: Number(query.get('timeout') ?? 5000),
  };
  let sdk: BenchSdk | null = null;
  const get = (): BenchSdk => {
    if (!sdk) throw new Error(`[ninetailed] bench page "${name}": init() was not called`);
    return sdk;
  };

  const bench: PageBench = {
    name,
    config,
    init() {
      sdk ??= factory(config);
    },
    page: (properties) => get().page(properties),
    async waitReady(timeoutMs) {
      const end = performance.now() + timeoutMs;
      while (get().profileState.status === 'loading' && performance.now() < end) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return get().profileState.status;
    },
    async trackLoop(n, run) {
      const s = get();
      const next = new Promise<number>((resolve) => setTimeout(() => resolve(performance.now()), 0));
      const start = performance.now();
      for (let i = 0; i < n; i++) s.track('bench_event', { run, seq: i });
      const loopMs = performance.now() - start;
      return { loopMs, blockedMs: (await next) - start };
    },
    burst(n, run, from) {
      const s = get();
      let accepted = 0;
      for (let i = 0; i < n; i++) {
        try {
          // A rejection later (a failed delivery) is what the delivery bench counts on the server.
          s.track('bench_event', { run, seq: from + i }).catch(() => {});
          accepted++;
        } catch {}
      }
      return accepted;
    },
    async timeToFirstRequest() {
      const start = performance.now();
      bench.init();
      const constructMs = performance.now() - start;
      get().page();
      const end = start + 5000;
      while (performance.now() < end) {
        const entry = performance
          .getEntriesByType('resource')
          .find((e) => e.name.startsWith(config.url) && e.startTime >= start);
        if (entry) return { constructMs, firstRequestMs: entry.startTime - start };
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return { constructMs, firstRequestMs: null };
    },
  };
  window.__bench = bench;
  if (query.get('auto') === '1') {
    bench.init();
    get()
      .page()
      .catch(() => {});
  }
}
