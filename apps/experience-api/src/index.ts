export type { AudienceFacts } from './audiences';
export { evaluateAudiences, matchesRule } from './audiences';
export type {
  AudienceDefinition,
  CountBounds,
  EnvironmentConfig,
  ExperienceConfig,
  Rule,
  ValueMatcher,
  Where,
} from './config';
export { ConfigError, loadConfig, validateConfig } from './config';
export type { ErrorCode, ErrorEnvelope } from './errors';
export { ApiError } from './errors';
export type {
  Distribution,
  EntryReplacement,
  ExperienceDefinition,
  InlineVariable,
  VariableValue,
  VariantRef,
} from './experiences/experienceTypes';
export { murmur3 } from './experiences/murmur3';
export type { ExperienceSelection, SelectionProfile } from './experiences/selectExperiences';
export { selectExperiences } from './experiences/selectExperiences';
export type { Logger, RequestLogEntry } from './log';
export type { ProfileRateLimit, RateLimiter } from './rateLimit';
export { createRateLimiter, DEFAULT_PROFILE_RATE_LIMIT } from './rateLimit';
export type { LocalScope, RunningServer, ServerOptions } from './server';
export { DEFAULT_CONFIG_FILE, startServer } from './server';
export { SESSION_TIMEOUT_MS } from './sessions';
export { openSqliteStore } from './sqliteStore';
export type { LogEntry, Scope, Store, StoredEvent, StoredProfile, StoreTransaction } from './store';
export { startTemporaryServer } from './temporaryServer';
export type * from './types';
export { LIMITS } from './validate';
