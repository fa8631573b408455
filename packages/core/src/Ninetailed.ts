import { type Client, createClient } from './client';
import type { ComponentViewPayload } from './componentView';
import { NinetailedError } from './errors';
import type { EventBuilder } from './eventBuilder';
import type { Reference } from './experienceTypes';
import type { HasSeenComponent, VariableComponentView } from './legacyViews';
import type { Logger } from './logger';
import type { OnSelectVariantArgs, OnSelectVariantCallbackArgs } from './onSelectVariant';
import type { NinetailedOptions } from './options';
import type { NinetailedPlugin } from './plugins';
import type { ChangesState, EventFunctionOptions, FlushResult, ProfileState } from './types';

/**
 * What the event methods return: v7's `Promise<FlushResult>`, typed `FlushResult & void` so an
 * app's own `(…) => Promise<void>` types accept the methods too. Read it whole or destructure it
 * (`r.success`, `{ error }`); `r?.error` narrows the `void` away to `never`.
 *
 * @example
 * ```ts
 * const { success, error } = await ninetailed.page();
 * ```
 */
// biome-ignore lint/suspicious/noConfusingVoidType: `& void` is what lets `Promise<void>` types accept it
export type FlushPromise = Promise<FlushResult & void>;

/**
 * An event of `batch` (v7's `Event` objects fit): `page` (`properties`), `track` (`event`,
 * `properties`) or `identify` (`userId`, `traits`).
 *
 * @example
 * ```ts
 * const events: BatchEvent[] = [{ type: 'track', event: 'signup' }];
 * ```
 */
export interface BatchEvent {
  type: string;
  event?: string;
  userId?: string;
  properties?: object;
  traits?: object;
}

/**
 * `observeElement`'s payload with its element; v7's `ElementSeenPayload` fits.
 *
 * @example
 * ```ts
 * const payload: V7ElementPayload = { element, variantIndex: 0, componentId: 'hero', componentType: 'Entry' };
 * ```
 */
export type V7ElementPayload = Partial<ComponentViewPayload> & {
  element: Element;
  variantIndex: number;
  experience?: { id: string; sticky?: boolean } | null;
  variant?: { id: string };
};

/**
 * v7's first argument: a `NinetailedApiClient` (its `clientId`, `environment`, `url` and
 * `fetchImpl` are read) or its options.
 *
 * @example
 * ```ts
 * new Ninetailed({ clientId: 'NINETAILED_API_KEY', environment: 'main', fetchImpl: fetch });
 * ```
 */
export type ApiClientLike = { upsertProfile: unknown } | NinetailedOptions;

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
   * Sends a view of the current page; `properties` go beside the page fields. `options.plugins`
   * (v7) chooses the plugins that hear this event: `all`, then a plugin's `name` wins.
   *
   * @example
   * ```ts
   * const { success } = await ninetailed.page({ category: 'news' });
   * ```
   */
  declare page: (properties?: object, options?: EventFunctionOptions) => FlushPromise;

  /**
   * Sends a track event named `event`.
   *
   * @example
   * ```ts
   * await ninetailed.track('add_to_cart', { sku: '9T41L', quantity: 1 });
   * await ninetailed.track('internal', {}, { plugins: { all: false } }); // no plugin hears it
   * ```
   */
  declare track: (event: string, properties?: object, options?: EventFunctionOptions) => FlushPromise;

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
  declare identify: (uid: string, traits?: object, options?: EventFunctionOptions) => FlushPromise;

  /**
   * v7's `batch`: sends the events in order, as `page`/`track`/`identify` would (every call is
   * batched anyway); `success` when all succeeded, else the first `error`.
   *
   * @example
   * ```ts
   * await ninetailed.batch([{ type: 'page' }, { type: 'track', event: 'signup' }]);
   * ```
   */
  declare batch: (events: readonly BatchEvent[]) => FlushPromise;

  /**
   * Sends a `component` event for a seen variant of a sticky experience (v7's method; also the
   * `trackStickyComponentView` function).
   *
   * @example
   * ```ts
   * await ninetailed.trackStickyComponentView({ experienceId: 'cta-test', componentId: 'cta-bold', variantIndex: 1 });
   * ```
   */
  declare trackStickyComponentView: (view: {
    experienceId: string;
    componentId: string;
    variantIndex: number;
    componentType?: 'Entry' | 'Variable';
  }) => FlushPromise;

  /**
   * Counts a view you measured yourself: plugins hear it (`onComponentView`), and a `sticky`
   * view with an `experienceId` is sent as a `component` event.
   *
   * @example
   * ```ts
   * await ninetailed.trackComponentView({ experienceId: 'cta-test', variantIndex: 1, componentId: 'cta-bold', componentType: 'Entry' });
   * ```
   */
  declare trackComponentView: (view: ComponentViewPayload) => FlushPromise;

  /**
   * @deprecated v7's legacy data model: use `trackComponentView`. Counts a view of `variant`
   * as `trackComponentView` does (plugins hear `onComponentView`, `componentType: 'Entry'`), its
   * experience and index looked up in the API's selection (`profileState.experiences`), else
   * index 0. Warns once per instance through the logger.
   *
   * @example
   * ```ts
   * await ninetailed.trackHasSeenComponent({ variant: { id: 'hero-news' }, audience: { id: 'news-readers' }, isPersonalized: true });
   * ```
   */
  declare trackHasSeenComponent: (properties: HasSeenComponent) => FlushPromise;

  /**
   * @deprecated Use `trackComponentView({ componentType: 'Variable', ... })`. Counts a view of a
   * variable as `trackComponentView` does (`componentId` = `variant.id`). Warns once per
   * instance through the logger.
   *
   * @example
   * ```ts
   * await ninetailed.trackVariableComponentView({ variant: { id: 'Variable-cta-color' }, variantIndex: 1, experienceId: 'cta-test', variable: 'green' });
   * ```
   */
  declare trackVariableComponentView: (properties: VariableComponentView) => FlushPromise;

  /**
   * v7's: calls `callback` with the variant of `baseline` this visitor gets now, then after every
   * real profile change; returns the unsubscribe. The selection is the Experience API's
   * (`profileState.experiences`) applied by `selectExperienceVariant`'s rules; the state is v7's
   * union (`loading`, `success`, `error`), the shape of React's `useExperience()`.
   *
   * @example
   * ```ts
   * const off = ninetailed.onSelectVariant({ baseline: hero, experiences }, (state) => {
   *   if (!state.loading) render(state.variant);
   * });
   * ```
   */
  declare onSelectVariant: <Baseline extends Reference, Variant extends Reference>(
    args: OnSelectVariantArgs<Baseline, Variant>,
    callback: (state: OnSelectVariantCallbackArgs<Baseline, Variant>) => void,
  ) => () => void;

  /**
   * v7's method form of `observeElement(ninetailed, element, payload)`: `{ element, ...payload }`;
   * v7's `experience` (its `id`, `sticky`) and `variant` (its `id`) are read too.
   *
   * @example
   * ```ts
   * ninetailed.observeElement({ element, experienceId: 'cta-test', variantIndex: 1, componentId: 'cta-bold', componentType: 'Entry' });
   * ```
   */
  declare observeElement: (payload: V7ElementPayload) => void;

  /**
   * Stops watching `element` (see `observeElement`).
   *
   * @example
   * ```ts
   * ninetailed.unobserveElement(element);
   * ```
   */
  declare unobserveElement: (element: Element) => void;

  /**
   * The plugins in use (nested arrays flattened).
   *
   * @example
   * ```ts
   * ninetailed.plugins.map((plugin) => plugin.name);
   * ```
   */
  declare readonly plugins: readonly NinetailedPlugin[];

  /**
   * The SDK's logger (v7's methods `debug`, `info`, `log`, `warn`, `error`, `fatal`): `[ninetailed]`
   * prefixed, to `onLog`, and to the console while debug is on.
   *
   * @example
   * ```ts
   * ninetailed.logger.warn('consent banner missing');
   * ```
   */
  declare readonly logger: Logger;

  /**
   * Calls `callback` once the instance is ready (a microtask after construction).
   *
   * @example
   * ```ts
   * ninetailed.onIsInitialized(() => console.log('ready'));
   * ```
   */
  declare onIsInitialized: (callback: () => void) => void;

  /**
   * Calls `callback` with the profile's `changes` now, then when they change; returns the unsubscribe.
   *
   * @example
   * ```ts
   * const off = ninetailed.onChangesChange((state) => console.log(state.status));
   * ```
   */
  declare onChangesChange: (callback: (state: ChangesState) => void) => () => void;

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
   * @param options See `NinetailedOptions`, or v7's `NinetailedApiClient`. A missing or empty
   *   `clientId` or `environment`, or a v7 plugin, throws `NinetailedConfigError`: the only
   *   synchronous throw of the SDK.
   * @param more v7-style second argument (`{ url, locale, plugins, ... }`), merged over `options`.
   *
   * @example
   * ```ts
   * const ninetailed = new Ninetailed({ clientId: 'NINETAILED_API_KEY', environment: 'main' });
   * const v7Style = new Ninetailed({ clientId: 'NINETAILED_API_KEY' }, { url: 'https://proxy.example/nt' });
   * ```
   */
  constructor(options: ApiClientLike, more?: Partial<NinetailedOptions>) {
    Object.assign(this, createClient({ ...(options as NinetailedOptions), ...more }, this));
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

  /**
   * @deprecated Not supported (v7's event builder): events are built when they are sent. Reading
   * it reports a `[ninetailed]` error (`ERR_NOT_SUPPORTED`, through `onError` and the logger)
   * naming the replacements, and gives `undefined`; it is typed as v7's so v7 code compiles.
   * Send events as plain objects with `batch`; change them in a plugin's `onEvent`.
   *
   * @example
   * ```ts
   * // v7: ninetailed.batch([ninetailed.eventBuilder.track('signup', { plan: 'pro' })])
   * await ninetailed.batch([{ type: 'track', event: 'signup', properties: { plan: 'pro' } }]);
   * ```
   */
  get eventBuilder(): EventBuilder {
    this.views[2](
      new NinetailedError(
        'ERR_NOT_SUPPORTED',
        "eventBuilder is not supported: use batch([{ type: 'track', event, properties }]), or a plugin's onEvent",
      ),
    );
    return undefined as never;
  }
}
