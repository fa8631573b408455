export type {
  AudienceDefinition,
  CountBounds,
  EnvironmentConfig,
  ExperienceConfig,
  Rule,
  ValueMatcher,
  Where,
} from './config/config';
export { ConfigError, loadConfig, validateConfig } from './config/config';
export type { AudienceFacts } from './domain/audiences';
export { evaluateAudiences, matchesRule } from './domain/audiences';
export type { ErrorCode, ErrorEnvelope } from './domain/errors';
export { ApiError } from './domain/errors';
export type {
  Distribution,
  EntryReplacement,
  ExperienceDefinition,
  InlineVariable,
  VariableValue,
  VariantRef,
} from './domain/experiences/experienceTypes';
export { murmur3 } from './domain/experiences/murmur3';
export type { ExperienceSelection, SelectionProfile } from './domain/experiences/selectExperiences';
export { selectExperiences } from './domain/experiences/selectExperiences';
export type { ProfileRateLimit, RateLimiter, Refusal } from './domain/rateLimit';
export {
  createRateLimiter,
  DEFAULT_CREATE_RATE_LIMIT,
  DEFAULT_PROFILE_RATE_LIMIT,
  organizationOverload,
  profileOverload,
} from './domain/rateLimit';
export { SESSION_TIMEOUT_MS } from './domain/sessions';
export type * from './domain/types';
export { LIMITS } from './domain/validate';
export type { HttpLimits } from './http/limits';
export { DEFAULT_HTTP_LIMITS } from './http/limits';
export type { Logger, RequestLogEntry } from './http/log';
export type { LocalScope, RunningServer, ServerOptions } from './http/server';
export { DEFAULT_CONFIG_FILE, startServer } from './http/server';
export { openSqliteStore } from './store/sqliteStore';
export type { LogEntry, Scope, Store, StoredEvent, StoredProfile, StoreTransaction } from './store/store';
export { startTemporaryServer } from './temporaryServer';
