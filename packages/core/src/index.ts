export { parseCampaign } from './campaign';
export type { ComponentView, ComponentViewPayload, StickyComponentView } from './componentView';
export type { NinetailedEnvironment } from './environment';
export {
  NinetailedConfigError,
  NinetailedDeliveryError,
  NinetailedError,
  NinetailedInputError,
} from './errors';
export type {
  AllowedVariableType,
  Baseline,
  Distribution,
  EntryReplacement,
  ExperienceAudience,
  ExperienceConfiguration,
  ExperienceType,
  InlineVariable,
  Reference,
  VariantRef,
} from './experienceTypes';
export { isExperienceEntry } from './isExperienceEntry';
export type { Logger, LogLevel, OnLog } from './logger';
export { type ExperienceInput, mapExperience } from './mapExperience';
export { murmur3 } from './murmur3';
export {
  type ApiClientLike,
  type BatchEvent,
  type FlushPromise,
  Ninetailed,
  type V7ElementPayload,
} from './Ninetailed';
export { observeElement } from './observeElement';
export {
  type OnSelectVariantArgs,
  type OnSelectVariantCallbackArgs,
  onSelectVariant,
} from './onSelectVariant';
export type { NinetailedOptions } from './options';
export type { DeliveryReport, NinetailedPlugin } from './plugins';
export { type ContactInfoMode, looksLikeContactInfo, type PrivacyOptions } from './privacy';
export { EMPTY_PROFILE_STATE } from './profileStore';
export { selectDistribution } from './selectDistribution';
export { type SelectionProfile, selectExperience } from './selectExperience';
export {
  type ExperienceVariantSelection,
  type SelectExperienceVariantInput,
  selectExperienceVariant,
} from './selectExperienceVariant';
export { selectExperienceVariantBy } from './selectExperienceVariantBy';
export { memoryStorage, type NinetailedStorage } from './storage';
export type { NinetailedTimers } from './timers';
export { trackStickyComponentView } from './trackStickyComponentView';
export type { FetchLike } from './transport';
export type {
  BaseEvent,
  Change,
  ChangesState,
  ComponentEvent,
  EventContext,
  EventFunctionOptions,
  FlushResult,
  GeoLocation,
  IdentifyEvent,
  NinetailedEvent,
  PageContext,
  PageEvent,
  Profile,
  ProfileResponseData,
  ProfileState,
  SelectedVariantInfo,
  SessionStatistics,
  TrackEvent,
} from './types';
export { unobserveElement } from './unobserveElement';
export { LIBRARY_NAME, LIBRARY_VERSION } from './version';
