/** The profile status both SDKs expose (`profileState.status`). */
export type ProfileStatus = 'loading' | 'success' | 'error';

/**
 * The part of an SDK the benchmarks drive: the calls an app makes, the same for ours, v7 and
 * the floor client, so that every measurement runs the very same page code against each.
 */
export interface BenchSdk {
  page(properties?: Record<string, unknown>): Promise<unknown>;
  track(event: string, properties?: Record<string, unknown>): Promise<unknown>;
  identify(uid: string, traits?: Record<string, unknown>): Promise<unknown>;
  readonly profileState: { status: ProfileStatus; profile: { id: string } | null };
}

/** Where and how to construct an SDK (read from the page's query string). */
export interface SdkConfig {
  /** Base URL of the Experience API (or the fault proxy in front of it). */
  url: string;
  /** `requestTimeout` in milliseconds, the same for every SDK. */
  requestTimeout: number;
}

/** Constructs one SDK instance: the only code that differs between ours, v7 and the floor. */
export type SdkFactory = (config: SdkConfig) => BenchSdk;
