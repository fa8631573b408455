// The server entry: `@ninetailed/experience.js/server`. No browser global is read at load or
// at call time; the browser entry does not import this folder.
export {
  NinetailedConfigError,
  NinetailedDeliveryError,
  NinetailedError,
  NinetailedInputError,
} from '../errors';
export type { LogLevel, OnLog } from '../logger';
export type { ContactInfoMode, PrivacyOptions } from '../privacy';
export type {
  Change,
  EventContext,
  IdentifyEvent,
  NinetailedEvent,
  PageContext,
  PageEvent,
  Profile,
  ProfileResponseData,
  SelectedVariantInfo,
  TrackEvent,
} from '../types';
export { LIBRARY_VERSION } from '../version';
export { NinetailedServer } from './NinetailedServer';
export {
  isPlausibleProfileId,
  NINETAILED_ANONYMOUS_ID_COOKIE,
  type ProfileIdCookieOptions,
  profileIdCookie,
  readProfileIdCookie,
} from './profileIdCookie';
export { type RequestContext, requestContext } from './requestContext';
export { SERVER_LIBRARY_NAME } from './serverEvent';
export type { ServerFetch } from './serverFetch';
export type { NinetailedServerOptions } from './serverOptions';
export type {
  ServerBatchEvent,
  ServerBatchOptions,
  ServerBatchResult,
  ServerCallOptions,
  ServerProfileResult,
} from './serverTypes';
