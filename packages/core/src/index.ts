export { parseCampaign } from './campaign';
export type { NinetailedEnvironment } from './environment';
export {
  NinetailedConfigError,
  NinetailedDeliveryError,
  NinetailedError,
  NinetailedInputError,
} from './errors';
export type { LogLevel, OnLog } from './logger';
export { Ninetailed } from './Ninetailed';
export type { NinetailedOptions } from './options';
export type { DeliveryReport, NinetailedPlugin } from './plugins';
export { type ContactInfoMode, looksLikeContactInfo, type PrivacyOptions } from './privacy';
export { memoryStorage, type NinetailedStorage } from './storage';
export type { NinetailedTimers } from './timers';
export type { FetchLike } from './transport';
export type {
  BaseEvent,
  Change,
  EventContext,
  IdentifyEvent,
  NinetailedEvent,
  PageContext,
  PageEvent,
  Profile,
  ProfileResponseData,
  ProfileState,
  SelectedVariantInfo,
  TrackEvent,
} from './types';
export { LIBRARY_NAME, LIBRARY_VERSION } from './version';
