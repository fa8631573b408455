// No 'use client' here on purpose: server components, route handlers and middleware may import
// this barrel (the core runs on the server as a no-op). The React and Next parts carry
// 'use client' in their own files.
export * from '@ninetailed/experience.js-react';
export { decodeExperienceVariantsMap } from './decodeExperienceVariantsMap';
export { NinetailedProvider, type NinetailedProviderProps } from './NinetailedProvider';
export { NinetailedSsrPlugin } from './NinetailedSsrPlugin';
export { PageProperties, type PagePropertiesProps } from './PageProperties';
export type { RouteTrackingOptions } from './RouteTrackingOptions';
export { usePageProperties } from './usePageProperties';
