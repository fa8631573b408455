import { describe, expectTypeOf, it } from 'vitest';
import type {
  GatsbyPageInfo,
  NinetailedGatsbyPluginOptions,
  NinetailedGatsbyRuntime,
  NinetailedOptions,
  OnRouteChange,
  useNinetailed,
} from '../src';

describe('public types', () => {
  it('plugin options are JSON: clientId required, no functions', () => {
    expectTypeOf<{ clientId: string }>().toExtend<NinetailedGatsbyPluginOptions>();
    expectTypeOf<{ url: string }>().not.toExtend<NinetailedGatsbyPluginOptions>();
    expectTypeOf<NinetailedGatsbyPluginOptions['componentViewTrackingThreshold']>().toEqualTypeOf<
      NinetailedOptions['componentViewTrackingThreshold']
    >();
    expectTypeOf<NinetailedGatsbyPluginOptions['pageContextProperties']>().toEqualTypeOf<
      string[] | undefined
    >();
    // @ts-expect-error callbacks belong in the pluginsModule, not in the JSON options
    const withCallback: NinetailedGatsbyPluginOptions = { clientId: 'demo', onError: () => {} };
    void withCallback;
  });

  it('the runtime carries code: plugins, callbacks, pageProperties; never clientId', () => {
    // Derived from the core's options, not restated.
    expectTypeOf<NinetailedGatsbyRuntime['plugins']>().toEqualTypeOf<NinetailedOptions['plugins']>();
    expectTypeOf<NinetailedGatsbyRuntime['onLog']>().toEqualTypeOf<NinetailedOptions['onLog']>();
    expectTypeOf<NinetailedGatsbyRuntime['onRouteChange']>().toEqualTypeOf<OnRouteChange | undefined>();
    expectTypeOf<NonNullable<NinetailedGatsbyRuntime['pageProperties']>>()
      .parameter(0)
      .toEqualTypeOf<GatsbyPageInfo>();
    // @ts-expect-error the client id comes from the plugin options only
    const withClientId: NinetailedGatsbyRuntime = { clientId: 'demo' };
    void withClientId;
  });

  it('re-exports the React binding', () => {
    expectTypeOf<ReturnType<typeof useNinetailed>['track']>().toBeFunction();
  });
});
