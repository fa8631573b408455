import {
  EMPTY_PROFILE_STATE,
  type Ninetailed,
  type Profile,
  type ProfileState,
} from '@ninetailed/experience.js';

/** A call recorded by {@link FakeNinetailed}. */
export type FakeCall = [method: string, ...args: unknown[]];

/**
 * A test double for the core's `Ninetailed` contract (the brief's shared contract): records
 * calls, and lets a test publish profile states by hand so render counts are exact.
 */
export class FakeNinetailed {
  readonly clientId = 'fake';
  readonly environment = 'main';
  readonly calls: FakeCall[] = [];
  private state: ProfileState = EMPTY_PROFILE_STATE;
  private readonly listeners = new Set<(state: ProfileState) => void>();

  get profileState(): ProfileState {
    return this.state;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  async page(properties?: Record<string, unknown>): Promise<void> {
    this.calls.push(['page', properties]);
  }
  async track(event: string, properties?: Record<string, unknown>): Promise<void> {
    this.calls.push(['track', event, properties]);
  }
  async identify(uid: string, traits?: Record<string, unknown>): Promise<void> {
    this.calls.push(['identify', uid, traits]);
  }
  async reset(): Promise<void> {
    this.calls.push(['reset']);
  }
  async flush(): Promise<void> {
    this.calls.push(['flush']);
  }
  debug(enabled: boolean): void {
    this.calls.push(['debug', enabled]);
  }
  consent(given: boolean): void {
    this.calls.push(['consent', given]);
  }
  onProfileChange(cb: (state: ProfileState) => void): () => void {
    this.listeners.add(cb);
    cb(this.state);
    return () => {
      this.listeners.delete(cb);
    };
  }

  /** Publishes a state (as the core does: only a new object counts as a change). */
  publish(state: ProfileState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  /** Re-announces the current state without changing it (a no-op for subscribers). */
  renotify(): void {
    for (const listener of this.listeners) listener(this.state);
  }

  /** This double, typed as the core class for props that expect one. */
  get asNinetailed(): Ninetailed {
    return this as unknown as Ninetailed;
  }
}

/** A profile in the shape of experience-api.md section 4. */
export function makeProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    id: 'p-1',
    stableId: 's-1',
    random: 0.5,
    audiences: [],
    traits: {},
    location: {},
    session: {
      id: 'sess-1',
      isReturningVisitor: false,
      landingPage: { path: '/', url: 'http://localhost/', query: {}, referrer: '', search: '' },
      count: 1,
      activeSessionLength: 0,
      averageSessionLength: 0,
    },
    ...overrides,
  };
}

/** A success state holding `profile`. */
export function successState(profile: Profile): Extract<ProfileState, { status: 'success' }> {
  return { status: 'success', profile, experiences: [], changes: [], error: null, from: 'api' };
}
