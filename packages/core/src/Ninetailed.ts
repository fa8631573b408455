import { type Client, createClient } from './client';
import type { NinetailedOptions } from './options';
import { identifyPayload, pagePayload, trackPayload } from './payloads';
import type { ProfileState } from './types';

/**
 * The Ninetailed SDK: sends `page`, `track` and `identify` events to the Experience API and keeps
 * the visitor's profile. No method throws: each returns a promise that resolves once the API has
 * accepted the event, or rejects with a typed error (bad input, failed delivery) that also goes
 * to `onError`. On the server (no `window` and no `location` option) every call resolves at once.
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
  /** The organisation id in use. */
  declare readonly clientId: string;
  /** The environment in use (default `main`). */
  declare readonly environment: string;
  declare private readonly c: Client;

  /**
   * @param options See `NinetailedOptions`. A missing or empty `clientId` or `environment` throws
   *   `NinetailedConfigError`: the only synchronous throw of the SDK.
   * @param more v7-style second argument (`{ url, locale, plugins, ... }`), merged over `options`.
   */
  constructor(options: NinetailedOptions, more?: Partial<NinetailedOptions>) {
    this.c = createClient({ ...options, ...more });
    this.clientId = this.c.options.clientId;
    this.environment = this.c.options.environment;
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
    return this.c.store.state;
  }

  /**
   * Calls `callback` with the current state now, then after every real change.
   *
   * @example
   * ```ts
   * const unsubscribe = ninetailed.onProfileChange((state) => console.log(state.status));
   * unsubscribe();
   * ```
   */
  onProfileChange(callback: (state: ProfileState) => void): () => void {
    return this.c.store.subscribe(callback);
  }

  /**
   * Sends a view of the current page; `properties` go beside the page fields.
   *
   * @example
   * ```ts
   * await ninetailed.page({ category: 'news' });
   * ```
   */
  page(properties?: Record<string, unknown>): Promise<void> {
    return this.c.submit('properties', () => pagePayload(properties));
  }

  /**
   * Sends a track event named `event`.
   *
   * @example
   * ```ts
   * await ninetailed.track('add_to_cart', { sku: '9T41L', quantity: 1 });
   * ```
   */
  track(event: string, properties?: Record<string, unknown>): Promise<void> {
    return this.c.submit('properties', () => trackPayload(event, properties));
  }

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
  identify(uid: string, traits?: Record<string, unknown>): Promise<void> {
    const { logger, options } = this.c;
    return this.c.submit('traits', () =>
      identifyPayload(uid, traits, options.contactInfo, (found) =>
        logger.log(
          'warn',
          `identify: ${found.join(', ')} look like contact info (email or phone); ${
            options.contactInfo === 'strip' ? 'removed' : 'set privacy.contactInfo to "strip" to remove it'
          }`,
        ),
      ),
    );
  }

  /**
   * Forgets the profile (id and cache): the next event starts a new anonymous one. Events
   * queued before still go to the old profile.
   *
   * @example
   * ```ts
   * await ninetailed.reset(); // on logout
   * ```
   */
  reset(): Promise<void> {
    this.c.reset();
    return Promise.resolve();
  }

  /**
   * Resolves when no event is queued or in flight.
   *
   * @example
   * ```ts
   * ninetailed.track('checkout');
   * await ninetailed.flush();
   * ```
   */
  flush(): Promise<void> {
    return this.c.flush();
  }

  /**
   * Turns readable console logs on or off.
   *
   * @example
   * ```ts
   * ninetailed.debug(true);
   * ```
   */
  debug(enabled: boolean): void {
    this.c.logger.enabled = !!enabled;
  }

  /**
   * Records the visitor's consent. It is sent truthfully in `context.gdpr.isConsentGiven`, and
   * enrichment (IP, location) is requested only with it.
   *
   * @example
   * ```ts
   * ninetailed.consent(true);
   * ```
   */
  consent(given: boolean): void {
    this.c.consent = !!given;
  }
}
