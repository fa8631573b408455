// No 'use client' here on purpose: this barrel also re-exports the core, which server code
// (for example a Next server component) must be able to import and run. The React parts
// carry 'use client' in their own files, so bundlers still treat them as client modules.
export * from '@ninetailed/experience.js';
export {
  createPageTracker,
  type OnRouteChange,
  type PageTracker,
  type PageTrackingOptions,
  type RouteChange,
} from './createPageTracker';
export { createNinetailedApi, type NinetailedApi, NinetailedContext } from './NinetailedContext';
export {
  NinetailedProvider,
  type NinetailedProviderInstanceProps,
  type NinetailedProviderOptionsProps,
  type NinetailedProviderProps,
} from './NinetailedProvider';
export { useNinetailed } from './useNinetailed';
export { usePageTracking } from './usePageTracking';
export { type UseProfileResult, useProfile } from './useProfile';
