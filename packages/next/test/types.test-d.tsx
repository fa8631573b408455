import { Ninetailed } from '@ninetailed/experience.js';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type NinetailedProviderProps,
  type OnRouteChange,
  type PagePropertiesProps,
  type RouteChange,
  usePageProperties,
} from '../src';

describe('public types', () => {
  it('takes the React provider props plus the route tracking options', () => {
    expectTypeOf({
      clientId: 'demo',
      onRouteChange: () => false as const,
    }).toExtend<NinetailedProviderProps>();
    expectTypeOf({
      ninetailed: new Ninetailed({ clientId: 'demo' }),
      trackHashChanges: true,
      titleTimeout: 500,
    }).toExtend<NinetailedProviderProps>();
    // An instance and options together stay an error, as in the React binding.
    expectTypeOf({
      ninetailed: new Ninetailed({ clientId: 'demo' }),
      clientId: 'demo',
    }).not.toExtend<NinetailedProviderProps>();
    expectTypeOf({ clientId: 'demo', trackHashChanges: 'yes' }).not.toExtend<NinetailedProviderProps>();
  });

  it('lets onRouteChange return properties, false or nothing, and nothing else', () => {
    expectTypeOf((route: RouteChange) => ({ ...route.properties, x: 1 })).toExtend<OnRouteChange>();
    expectTypeOf(() => false as const).toExtend<OnRouteChange>();
    expectTypeOf((route: RouteChange) => {
      console.log(route.url);
    }).toExtend<OnRouteChange>();
    expectTypeOf(() => 'skip').not.toExtend<OnRouteChange>();
    expectTypeOf<RouteChange>().toEqualTypeOf<{
      url: string;
      path: string;
      search: string;
      hash: string;
      properties: Record<string, unknown>;
      initial: boolean;
      isInitialRoute: boolean;
    }>();
  });

  it("accepts v7's onRouteChange(routeInfo, ninetailed) that sends its own page event", () => {
    expectTypeOf((routeInfo: { isInitialRoute: boolean }, ninetailed: Ninetailed) => {
      if (!routeInfo.isInitialRoute) void ninetailed.page();
    }).toExtend<OnRouteChange>();
  });

  it('takes JSON-ish properties for the page', () => {
    expectTypeOf(usePageProperties).parameter(0).toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<PagePropertiesProps>().toEqualTypeOf<{ properties: Record<string, unknown> }>();
  });
});
