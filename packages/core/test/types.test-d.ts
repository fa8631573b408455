import { describe, expectTypeOf, it } from 'vitest';
import {
  type Change,
  type ComponentView,
  type ComponentViewPayload,
  type DeliveryReport,
  type EventFunctionOptions,
  type ExperienceConfiguration,
  type ExperienceVariantSelection,
  type FetchLike,
  type FlushPromise,
  isExperienceEntry,
  mapExperience,
  murmur3,
  Ninetailed,
  type NinetailedConfigError,
  type NinetailedDeliveryError,
  type NinetailedError,
  type NinetailedEvent,
  type NinetailedInputError,
  type NinetailedOptions,
  type NinetailedPlugin,
  type NinetailedStorage,
  observeElement,
  type Profile,
  type ProfileState,
  type SelectedVariantInfo,
  type StickyComponentView,
  selectDistribution,
  selectExperience,
  selectExperienceVariant,
  trackStickyComponentView,
  unobserveElement,
  type VariantRef,
} from '../src/index';

describe('public types', () => {
  it('Ninetailed has the shared contract', () => {
    const n = new Ninetailed({ clientId: 'x' });
    expectTypeOf(n.page).toEqualTypeOf<
      (properties?: object, options?: EventFunctionOptions) => FlushPromise
    >();
    expectTypeOf(n.track).toEqualTypeOf<
      (event: string, properties?: object, options?: EventFunctionOptions) => FlushPromise
    >();
    expectTypeOf(n.identify).toEqualTypeOf<
      (uid: string, traits?: object, options?: EventFunctionOptions) => FlushPromise
    >();
    expectTypeOf(n.reset).toEqualTypeOf<() => Promise<void>>();
    expectTypeOf(n.flush).toEqualTypeOf<() => Promise<void>>();
    expectTypeOf(n.debug).toEqualTypeOf<(enabled: boolean) => void>();
    expectTypeOf(n.consent).toEqualTypeOf<(given: boolean) => void>();
    expectTypeOf(n.profileState).toEqualTypeOf<ProfileState>();
    expectTypeOf(n.onProfileChange).toEqualTypeOf<(cb: (state: ProfileState) => void) => () => void>();
    expectTypeOf(n.clientId).toEqualTypeOf<string>();
    // Bound to the instance: safe to pass around unbound.
    const { track } = n;
    expectTypeOf(track).toEqualTypeOf<Ninetailed['track']>();
    expectTypeOf(n.environment).toEqualTypeOf<string>();
    // @ts-expect-error read-only
    n.clientId = 'y';
    // @ts-expect-error read-only
    n.profileState = {} as ProfileState;
  });

  it('options: clientId required, the rest optional', () => {
    expectTypeOf<{ clientId: string }>().toExtend<NinetailedOptions>();
    expectTypeOf<{ environment: string }>().not.toExtend<NinetailedOptions>();
    expectTypeOf<NinetailedOptions['consent']>().toEqualTypeOf<'granted' | 'required' | undefined>();
    expectTypeOf<typeof globalThis.fetch>().toExtend<FetchLike>();
    expectTypeOf<Storage>().toExtend<NinetailedStorage>();
    // The browser's own objects fit the seams the reliability layer listens and reads through.
    expectTypeOf<Window>().toExtend<NonNullable<NinetailedOptions['window']>>();
    expectTypeOf<Document>().toExtend<NonNullable<NinetailedOptions['document']>>();
    // @ts-expect-error clientId is required
    new Ninetailed({});
    // @ts-expect-error unknown privacy mode
    new Ninetailed({ clientId: 'x', privacy: { contactInfo: 'maybe' } });
  });

  it('ProfileState and the wire shapes', () => {
    expectTypeOf<ProfileState['status']>().toEqualTypeOf<'loading' | 'success' | 'error'>();
    expectTypeOf<ProfileState['profile']>().toEqualTypeOf<Profile | null>();
    expectTypeOf<ProfileState['experiences']>().toEqualTypeOf<SelectedVariantInfo[] | null>();
    expectTypeOf<ProfileState['changes']>().toEqualTypeOf<Change[] | null>();
    expectTypeOf<ProfileState['error']>().toEqualTypeOf<Error | null>();
    expectTypeOf<ProfileState['from']>().toEqualTypeOf<'api' | 'hydrated'>();
    expectTypeOf<Profile['session']['isReturningVisitor']>().toEqualTypeOf<boolean>();
    expectTypeOf<NinetailedEvent['type']>().toEqualTypeOf<'page' | 'track' | 'identify' | 'component'>();
  });

  it('plugins and errors', () => {
    expectTypeOf<NinetailedPlugin['onEvent']>().toEqualTypeOf<
      // biome-ignore lint/suspicious/noConfusingVoidType: mirrors the public signature
      ((event: NinetailedEvent) => NinetailedEvent | null | undefined | void) | undefined
    >();
    expectTypeOf<DeliveryReport['error']>().toEqualTypeOf<NinetailedDeliveryError | null>();
    expectTypeOf<NinetailedInputError>().toExtend<NinetailedError>();
    expectTypeOf<NinetailedConfigError['option']>().toEqualTypeOf<string>();
    expectTypeOf<NinetailedInputError['argument']>().toEqualTypeOf<string>();
    expectTypeOf<NinetailedDeliveryError['status']>().toEqualTypeOf<number>();
    expectTypeOf<NinetailedDeliveryError['retryAfter']>().toEqualTypeOf<number>();
    expectTypeOf<NinetailedError['code']>().toEqualTypeOf<string>();
  });

  it('experiences: selection helpers keep the app types of baseline and variants', () => {
    type Hero = { id: string; title: string };
    const experiences: ExperienceConfiguration<Hero>[] = [];
    const selection = selectExperienceVariant({
      baseline: { id: 'hero-default', title: 'Welcome', extra: 1 },
      experiences,
      profile: null,
      selectedVariants: null,
    });
    expectTypeOf(selection.variant).toEqualTypeOf<
      { id: string; title: string; extra: number } | Hero | VariantRef
    >();
    expectTypeOf(selection.experience).toEqualTypeOf<ExperienceConfiguration<Hero> | null>();
    expectTypeOf(selection.variantIndex).toEqualTypeOf<number>();
    expectTypeOf(selection.isPersonalized).toEqualTypeOf<boolean>();
    expectTypeOf(selection).toExtend<ExperienceVariantSelection>();
    expectTypeOf(
      selectExperience({ experiences, profile: null }),
    ).toEqualTypeOf<ExperienceConfiguration<Hero> | null>();
    expectTypeOf(selectDistribution).returns.toEqualTypeOf<{ index: number; start: number; end: number }>();
    expectTypeOf(murmur3).toEqualTypeOf<(key: string, seed?: number) => number>();
    // A profile from the state fits.
    selectExperience({ experiences, profile: new Ninetailed({ clientId: 'x' }).profileState.profile });
    expectTypeOf(mapExperience<Hero>).returns.toEqualTypeOf<ExperienceConfiguration<Hero>>();
    const input: unknown = {};
    if (isExperienceEntry(input)) expectTypeOf(mapExperience(input)).toEqualTypeOf<ExperienceConfiguration>();
    // @ts-expect-error unknown experience type
    const badType: ExperienceConfiguration['type'] = 'nt_other';
    void badType;
  });

  it('view tracking and component events', () => {
    const n = new Ninetailed({ clientId: 'x', componentViewTrackingThreshold: 1000 });
    expectTypeOf(observeElement).toEqualTypeOf<
      (ninetailed: Ninetailed, element: Element, payload: ComponentViewPayload) => () => void
    >();
    expectTypeOf(unobserveElement).toEqualTypeOf<(ninetailed: Ninetailed, element: Element) => void>();
    expectTypeOf(trackStickyComponentView).toEqualTypeOf<
      (ninetailed: Ninetailed, view: StickyComponentView) => Promise<void>
    >();
    expectTypeOf<NinetailedOptions['componentViewTrackingThreshold']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<
      Parameters<NonNullable<NinetailedPlugin['onComponentView']>>[0]
    >().toEqualTypeOf<ComponentView>();
    expectTypeOf<ComponentView['viewId']>().toEqualTypeOf<string>();
    expectTypeOf<ComponentViewPayload['componentType']>().toEqualTypeOf<'Entry' | 'Variable'>();
    // @ts-expect-error experienceId is required for a sticky view
    trackStickyComponentView(n, { componentType: 'Entry', componentId: 'c', variantIndex: 1 });
  });
});
