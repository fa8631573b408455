import { describe, expectTypeOf, it } from 'vitest';
import {
  type ChangesState,
  type FlushResult,
  Ninetailed,
  type NinetailedOptions,
  type ProfileState,
} from '../src/index';

// The seed app's own declarations (issue 17): our methods must fit them.
type Traits = Record<string, unknown>;
// biome-ignore lint/complexity/noBannedTypes: the seed app's own type
type Page = (properties?: Object) => Promise<void>;
// biome-ignore lint/complexity/noBannedTypes: the seed app's own type
type Track = (event: string, properties?: Object) => Promise<void>;
type Identify = (uid: string, traits?: Traits) => Promise<void>;
// v7's own declarations (types/index.d.ts of 7.26.0, restated).
type EventFunctionOptions = { plugins?: { all: boolean; [key: string]: boolean } };
type V7Page = (
  data?: Partial<{ url: string; title: string }>,
  options?: EventFunctionOptions,
) => Promise<{ success: boolean }>;
type V7Track = (
  event: string,
  properties?: Record<string, unknown>,
  options?: EventFunctionOptions,
) => Promise<{ success: boolean }>;
type V7OnLog = (message: string | Error, ...extra: unknown[]) => void;
type V7OnError = (message: string | Error, ...args: unknown[]) => void;

describe('v7 types', () => {
  const n = new Ninetailed({ clientId: 'x' });

  it('the event methods fit the seed app types and v7 types', () => {
    expectTypeOf(n.page).toExtend<Page>();
    expectTypeOf(n.track).toExtend<Track>();
    expectTypeOf(n.identify).toExtend<Identify>();
    expectTypeOf(n.page).toExtend<V7Page>();
    expectTypeOf(n.track).toExtend<V7Track>();
    expectTypeOf<Awaited<ReturnType<typeof n.track>>>().toExtend<FlushResult>();
    expectTypeOf<Awaited<ReturnType<typeof n.batch>>['error']>().toEqualTypeOf<Error | undefined>();
  });

  it('v7 handlers and option names fit the options', () => {
    expectTypeOf<V7OnLog>().toExtend<NonNullable<NinetailedOptions['onLog']>>();
    expectTypeOf<V7OnError>().toExtend<NonNullable<NinetailedOptions['onError']>>();
    new Ninetailed(
      { clientId: 'x', environment: 'main' },
      {
        plugins: [{ name: 'a' }, [{ name: 'b' }]],
        componentViewTrackingThreshold: 1000,
        componentHoverTrackingThreshold: 1000,
        onInitProfileId: (id) => id,
        buildClientContext: () => ({ locale: 'de' }),
        storageImpl: { getItem: () => null, setItem: () => {}, removeItem: () => {} },
        fetchImpl: fetch,
        preview: false,
        useSDKEvaluation: false,
      },
    );
    // A v7 NinetailedApiClient (private fields, public methods) is accepted as the first argument.
    class ApiClient {
      private readonly clientId = 'x';
      upsertProfile() {
        return this.clientId;
      }
    }
    new Ninetailed(new ApiClient());
  });

  it('ProfileState narrows by status', () => {
    const state = {} as ProfileState;
    if (state.status === 'success') {
      expectTypeOf(state.profile.id).toEqualTypeOf<string>();
      expectTypeOf(state.experiences).not.toEqualTypeOf<null>();
      expectTypeOf(state.error).toEqualTypeOf<null>();
    }
    if (state.status === 'error') expectTypeOf(state.error).toEqualTypeOf<Error>();
    if (state.status === 'loading') expectTypeOf(state.profile).toEqualTypeOf<null>();
    expectTypeOf(state.from).toEqualTypeOf<'api' | 'hydrated'>();
    const changes = {} as ChangesState;
    if (changes.status === 'error') expectTypeOf(changes.changes).toEqualTypeOf<null>();
  });

  it('v7 members onSelectVariant, trackHasSeenComponent, trackVariableComponentView, eventBuilder', () => {
    // v7's own declarations (7.26.0), restated.
    type TrackHasSeenComponent = (properties: {
      variant: { id: string };
      audience: { id: string };
      isPersonalized: boolean;
    }) => Promise<void>;
    type TrackVariableComponentView = (properties: {
      variant: { id: string } & { [k: string]: unknown };
      variantIndex: number;
      componentType?: 'Variable';
      variable?: unknown;
      experienceId?: string;
    }) => Promise<void>;
    expectTypeOf(n.trackHasSeenComponent).toExtend<TrackHasSeenComponent>();
    expectTypeOf(n.trackVariableComponentView).toExtend<TrackVariableComponentView>();
    type Hero = { id: string; title: string };
    const off = n.onSelectVariant<Hero, Hero>(
      { baseline: { id: 'h', title: 'T' }, experiences: [] },
      (state) => {
        expectTypeOf(state.baseline).toEqualTypeOf<Hero>();
        if (state.status === 'success') expectTypeOf(state.profile.id).toEqualTypeOf<string>();
        if (state.status === 'loading') expectTypeOf(state.variant).toEqualTypeOf<Hero>();
        if (state.status === 'error') expectTypeOf(state.error).toEqualTypeOf<Error>();
      },
    );
    expectTypeOf(off).toEqualTypeOf<() => void>();
    expectTypeOf(n.eventBuilder.page).toBeCallableWith({ category: 'x' }, { messageId: 'm', timestamp: 1 });
    expectTypeOf(n.eventBuilder.track).toBeCallableWith('signup', { plan: 'pro' });
    expectTypeOf(n.eventBuilder.identify).toBeCallableWith('u', { a: 1 });
    expectTypeOf(n.eventBuilder.component).toBeCallableWith('c', 'Entry', 'e', 1, 2000, 'view-id');
    expectTypeOf(n.eventBuilder.componentClick).toBeCallableWith('c', 'Entry', 'e', 1);
    expectTypeOf(n.eventBuilder.componentHover).toBeCallableWith('c', 'Entry', 2000, 'hover-id', 'e', 1);
  });

  it('instance members of v7', () => {
    expectTypeOf(n.onIsInitialized).toEqualTypeOf<(callback: () => void) => void>();
    expectTypeOf(n.logger.error).toBeCallableWith('x', new Error('y'));
    expectTypeOf(n.unobserveElement).toEqualTypeOf<(element: Element) => void>();
    expectTypeOf(n.plugins[0]!.name).toEqualTypeOf<string>();
  });
});
