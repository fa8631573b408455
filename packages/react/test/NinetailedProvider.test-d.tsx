import { describe, expectTypeOf, it } from 'vitest';
import {
  type Ninetailed,
  type NinetailedApi,
  type NinetailedOptions,
  NinetailedProvider,
  type NinetailedProviderInstantiationProps,
  type NinetailedProviderOptionsProps,
  type NinetailedProviderProps,
  type Profile,
  type ProfileState,
  type UseProfileResult,
  useNinetailed,
  useProfile,
} from '../src';

declare const ninetailed: Ninetailed;

describe('NinetailedProvider props', () => {
  it('accepts a ready instance', () => {
    <NinetailedProvider ninetailed={ninetailed}>x</NinetailedProvider>;
    expectTypeOf({ ninetailed }).toExtend<NinetailedProviderProps>();
  });

  it('accepts the core options', () => {
    <NinetailedProvider clientId="demo" environment="main" url="http://127.0.0.1:3030" debug>
      x
    </NinetailedProvider>;
    expectTypeOf<NinetailedOptions>().toExtend<NinetailedProviderProps>();
  });

  it('takes experienceTimeout with either form, and onError (for the binding) with an instance', () => {
    <NinetailedProvider ninetailed={ninetailed} experienceTimeout={3000} onError={(e) => e.message}>
      x
    </NinetailedProvider>;
    <NinetailedProvider clientId="demo" experienceTimeout={3000} onError={(e) => e.message}>
      x
    </NinetailedProvider>;
    // @ts-expect-error: milliseconds
    <NinetailedProvider clientId="demo" experienceTimeout="5s" />;
  });

  it('refuses both an instance and options', () => {
    // @ts-expect-error: exclusive
    <NinetailedProvider ninetailed={ninetailed} clientId="demo" />;
    // @ts-expect-error: exclusive, whatever the option
    <NinetailedProvider ninetailed={ninetailed} url="http://127.0.0.1:3030" />;
    expectTypeOf({ ninetailed, clientId: 'demo' }).not.toExtend<NinetailedProviderProps>();
  });

  it('refuses neither, and bad option types', () => {
    // @ts-expect-error: clientId or ninetailed is required
    <NinetailedProvider>x</NinetailedProvider>;
    // @ts-expect-error: clientId is a string
    <NinetailedProvider clientId={42} />;
    // @ts-expect-error: ninetailed must be an instance
    <NinetailedProvider ninetailed={{ clientId: 'demo' }} />;
  });
});

describe("v7's names", () => {
  it('takes type arguments on useNinetailed, and exports NinetailedProviderInstantiationProps', () => {
    expectTypeOf(
      useNinetailed<{ id: string; title: string }, { id: string; title: string }>,
    ).returns.toEqualTypeOf<NinetailedApi>();
    expectTypeOf<NinetailedProviderInstantiationProps>().toEqualTypeOf<NinetailedProviderOptionsProps>();
    expectTypeOf({
      clientId: 'demo',
      url: 'http://127.0.0.1:3030',
    }).toExtend<NinetailedProviderInstantiationProps>();
  });

  it('narrows useProfile() by status, as v7', () => {
    const state = {} as UseProfileResult;
    if (state.status === 'success') expectTypeOf(state.profile.id).toEqualTypeOf<string>();
    if (state.status === 'error') expectTypeOf(state.error).toEqualTypeOf<Error>();
    expectTypeOf(state.loading).toEqualTypeOf<boolean>();
  });
});

describe('hooks', () => {
  it('useNinetailed returns the calls of the core', () => {
    expectTypeOf(useNinetailed).returns.toEqualTypeOf<NinetailedApi>();
    expectTypeOf<NinetailedApi['page']>().toEqualTypeOf<Ninetailed['page']>();
    expectTypeOf<NinetailedApi['track']>().toEqualTypeOf<Ninetailed['track']>();
    expectTypeOf<NinetailedApi['identify']>().toEqualTypeOf<Ninetailed['identify']>();
    expectTypeOf<NinetailedApi['observeElement']>().toEqualTypeOf<Ninetailed['observeElement']>();
    expectTypeOf<NinetailedApi['logger']>().toEqualTypeOf<Ninetailed['logger']>();
    expectTypeOf<NinetailedApi['reset']>().toEqualTypeOf<() => Promise<void>>();
    expectTypeOf<NinetailedApi['profileState']>().toEqualTypeOf<ProfileState>();
    expectTypeOf<NinetailedApi['ninetailed']>().toEqualTypeOf<Ninetailed>();
  });

  it('useProfile returns status, loading, profile and error', () => {
    expectTypeOf(useProfile).returns.toEqualTypeOf<UseProfileResult>();
    expectTypeOf<UseProfileResult['status']>().toEqualTypeOf<'loading' | 'success' | 'error'>();
    expectTypeOf<UseProfileResult['loading']>().toEqualTypeOf<boolean>();
    expectTypeOf<UseProfileResult['profile']>().toEqualTypeOf<Profile | null>();
    expectTypeOf<UseProfileResult['error']>().toEqualTypeOf<Error | null>();
  });
});
