import { type Client, createClient } from './client';
import type { NinetailedOptions } from './options';
import type { ProfileState } from './types';

/**
 * The Ninetailed SDK: sends `page`, `track` and `identify` events to the Experience API and keeps
 * the visitor's profile. No method throws. A call's promise resolves once the API has accepted
 * its event, or once the event is kept in the durable outbox (waiting for consent, or for a
 * retry after a failure); it rejects only for bad input or an event the API refused (400),
 * errors that also go to `onError`. On the server (no `window` and no `location` option) every
 * call resolves at once.
 *
 * The methods are functions of the instance, bound to it: `const { track } = ninetailed` works.
 *
 * @example
 * ```ts
 * import { Ninetailed } from '@ninetailed/experience.js';
 * const ninetailed = new Ninetailed({ clientId: 'NINETAILED_API_KEY' });
 * ninetailed.page({ category: 'YOUR_BLOG_CATEGORY' });
 * ninetailed.track('add_to_cart', { sku: '9T41L', quantity: 1 });
 * ninetailed.identify('', { favoriteColor: 'red' });
 * ninetailed.onProfileChange((state) => console.log(state.profile?.audiences));
 * ```
 */
export class Ninetailed {
  /**
   * The organisation id in use.
   *
   * @example
   * ```ts
   * new Ninetailed({ clientId: 'NINETAILED_API_KEY' }).clientId; // 'NINETAILED_API_KEY'
   * ```
   */
  declare readonly clientId: string;
  /**
   * The environment in use (default `main`).
   *
   * @example
   * ```ts
   * new Ninetailed({ clientId: 'NINETAILED_API_KEY' }).environment; // 'main'
   * ```
   */
  declare readonly environment: string;
  declare private readonly store: Client['store'];
  declare private readonly views: Client['views'];

  /**
   * Sends a view of the current page; `properties` go beside the page fields.
   *
   * @example
   * ```ts
   * await ninetailed.page({ category: 'news' });
   * ```
   */
  declare page: (properties?: Record<string, unknown>) => Promise<void>;

  /**
   * Sends a track event named `event`.
   *
   * @example
   * ```ts
   * await ninetailed.track('add_to_cart', { sku: '9T41L', quantity: 1 });
   * ```
   */
  declare track: (event: string, properties?: Record<string, unknown>) => Promise<void>;

  /**
   * Adds `traits` to the profile; a non-empty `uid` also names the profile by that alias (merging
   * it with the profile that already holds the alias). `identify('', traits)` sends traits only.
   *
   * @example
   * ```ts
   * await ninetailed.identify('', { favoriteColor: 'red' });
   * await ninetailed.identify('user-42', { plan: 'pro' });
   * ```
   */
  declare identify: (uid: string, traits?: Record<string, unknown>) => Promise<void>;

  /**
   * Forgets the profile (id and cache): the next event starts a new anonymous one. Events
   * queued before still go to the old profile.
   *
   * @example
   * ```ts
   * await ninetailed.reset(); // on logout
   * ```
   */
  declare reset: () => Promise<void>;

  /**
   * Sends what can be sent now and resolves when delivery stops: nothing is pending, or what is
   * left waits for consent, for a retry (after a failure, or `Retry-After`), or for another tab
   * to create the new visitor's profile.
   *
   * @example
   * ```ts
   * ninetailed.track('checkout');
   * await ninetailed.flush();
   * ```
   */
  declare flush: () => Promise<void>;

  /**
   * Turns readable console logs on or off.
   *
   * @example
   * ```ts
   * ninetailed.debug(true);
   * ```
   */
  declare debug: (enabled: boolean) => void;

  /**
   * Records the visitor's choice, kept in storage for later visits and shared with other tabs.
   * `true`: events held until now leave, in call order, saying `isConsentGiven: true`, and
   * enrichment (IP, location) is requested. `false`: pending events are dropped and nothing more
   * is collected (until `consent(true)`).
   *
   * @example
   * ```ts
   * ninetailed.consent(true);
   * ```
   */
  declare consent: (given: boolean) => void;

  /**
   * Calls `callback` with the current state now, then after every real change.
   *
   * @example
   * ```ts
   * const unsubscribe = ninetailed.onProfileChange((state) => console.log(state.status));
   * unsubscribe();
   * ```
   */
  declare onProfileChange: (callback: (state: ProfileState) => void) => () => void;

  /**
   * Makes the instance. It sends nothing and touches no network synchronously (delivery starts a
   * microtask later), and storage that fails is guarded, so it is safe to call during a render.
   *
   * @param options See `NinetailedOptions`. A missing or empty `clientId` or `environment` throws
   *   `NinetailedConfigError`: the only synchronous throw of the SDK.
   * @param more v7-style second argument (`{ url, locale, plugins, ... }`), merged over `options`.
   *
   * @example
   * ```ts
   * const ninetailed = new Ninetailed({ clientId: 'NINETAILED_API_KEY', environment: 'main' });
   * const v7Style = new Ninetailed({ clientId: 'NINETAILED_API_KEY' }, { url: 'https://proxy.example/nt' });
   * ```
   */
  constructor(options: NinetailedOptions, more?: Partial<NinetailedOptions>) {
    Object.assign(this, createClient({ ...options, ...more }));
  }

  /**
   * The current profile state; the same object until something really changes.
   *
   * @example
   * ```ts
   * const { status, profile } = ninetailed.profileState;
   * ```
   */
  get profileState(): ProfileState {
    return this.store.state;
  }
}
