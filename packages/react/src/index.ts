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
export { ESRLoadingComponent, ESRProvider } from './ESR';
export {
  Experience,
  type ExperienceBaseProps,
  type ExperienceComponent,
  type ExperienceLoadingComponent,
  type ExperienceProps,
} from './Experience';
export { MergeTag, type MergeTagProps } from './MergeTag';
export { createNinetailedApi, type NinetailedApi, NinetailedContext } from './NinetailedContext';
export {
  NinetailedProvider,
  type NinetailedProviderExperienceProps,
  type NinetailedProviderInstanceProps,
  type NinetailedProviderInstantiationProps,
  type NinetailedProviderOptionsProps,
  type NinetailedProviderProps,
} from './NinetailedProvider';
export { type UseExperienceArgs, type UseExperienceReturn, useExperience } from './useExperience';
export { type FlagResult, type UseFlagOptions, useFlag } from './useFlag';
export { useNinetailed } from './useNinetailed';
export { usePageTracking } from './usePageTracking';
export { type UseProfileResult, useProfile } from './useProfile';
