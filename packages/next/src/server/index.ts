// The server entry: `@ninetailed/experience.js-next/server`, for server components, proxy /
// middleware, `getServerSideProps`, server actions and route handlers. It re-exports the core's
// server client. Not for client components (it imports `next/headers`).
export * from '@ninetailed/experience.js/server';
export {
  getNinetailedProfile,
  type NinetailedProfileOptions,
} from './getNinetailedProfile';
export {
  getServerSideNinetailedProfile,
  type ServerSideProfileOptions,
  type ServerSidePropsContextLike,
} from './getServerSideNinetailedProfile';
export { NINETAILED_URL_HEADER, type NinetailedProxyOptions, ninetailedProxy } from './ninetailedProxy';
export { trackServerEvent } from './trackServerEvent';
export type { InitialProfile, VisitorOptions } from './visitorProfile';
