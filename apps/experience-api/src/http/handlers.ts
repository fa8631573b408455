import type { AudienceDefinition, ExperienceConfig } from '../config/config';
import { ApiError, invalid, quote } from '../domain/errors';
import { applyEvents, createProfile, findProfile, type IngestContext } from '../domain/ingest';
import { viewProfile, viewProfileData } from '../domain/profileView';
import { type RateLimiter, rateKey } from '../domain/rateLimit';
import type { ExperienceEvent, Profile } from '../domain/types';
import { validateBody } from '../domain/validate';
import type { Scope, Store, StoreTransaction } from '../store/store';
import type { ApiResponse } from './respond';

/** What every handler shares: configuration, store and the injectable seams. */
export interface HandlerContext {
  config: ExperienceConfig;
  store: Store;
  now: () => number;
  newId: () => string;
  random: () => number;
  /** `redirect`: a merged-away id keeps working; `gone`: it answers `ERR_PROFILE_NOT_FOUND`. */
  mergedIds: 'redirect' | 'gone';
  /** Requests being answered right now (for `/__local/health`). */
  inFlight: () => number;
  /** Whether `/__local/events` answers (it lists every event: local use only). */
  inspection: boolean;
  /** Per-profile rate limit on written events (429 `ERR_PROFILE_OVERLOAD`); preflights are not charged. */
  limiter: RateLimiter;
  /** Per organisation and environment: profiles created (429 `ERR_ORGANIZATION_OVERLOAD`). */
  createLimiter: RateLimiter;
}

/** One parsed request, as handlers see it. */
export interface ApiRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The body parsed as JSON (whatever the content type). */
  json(): Promise<unknown>;
}

export type { ApiResponse } from './respond';

/**
 * A 200 answer with the protocol's success envelope (section 4).
 *
 * @example
 * ok({ profiles: [] }); // { status: 200, body: { data: { profiles: [] }, message: 'ok', error: null } }
 */
export const ok = (data: unknown): ApiResponse => ({
  status: 200,
  body: { data, message: 'ok', error: null },
});

/**
 * The organisation and environment of a request, or 404 `ERR_CONFIG_NOT_FOUND`.
 *
 * @example
 * const { scope, audiences, experiences } = resolveScope(config, 'demo', 'main');
 */
export function resolveScope(config: ExperienceConfig, organization: string, environment: string) {
  const org = Object.hasOwn(config.organizations, organization)
    ? config.organizations[organization]
    : undefined;
  if (!org) {
    throw new ApiError(
      404,
      'ERR_CONFIG_NOT_FOUND',
      `organization ${quote(organization)} is not configured on this server`,
    );
  }
  const env = Object.hasOwn(org.environments, environment) ? org.environments[environment] : undefined;
  if (!env) {
    throw new ApiError(
      404,
      'ERR_CONFIG_NOT_FOUND',
      `environment ${quote(environment)} of organization ${quote(organization)} is not configured on this server`,
    );
  }
  const scope: Scope = { organization, environment };
  return { scope, audiences: env.audiences, experiences: env.experiences ?? [] };
}

function readOptions(query: URLSearchParams): { commit: boolean } {
  const type = query.get('type');
  if (type !== null && type !== 'preflight')
    throw invalid('type', `unknown request type "${type}" (expected preflight)`);
  const locale = query.get('locale');
  // Locations are not enriched locally, so the locale only needs to be well formed.
  if (locale !== null && !/^[A-Za-z0-9_-]{1,64}$/.test(locale))
    throw invalid('locale', 'must be a BCP 47 language tag');
  return { commit: type !== 'preflight' };
}

function profileIdParam(id: string | undefined): string {
  if (!id || id.length > 256) throw invalid('profileId', 'must be a profile id of 1 to 256 characters');
  return id;
}

function ingestContext(
  ctx: HandlerContext,
  tx: StoreTransaction,
  now: number,
  audiences: readonly AudienceDefinition[],
): IngestContext {
  return { tx, now, newId: ctx.newId, random: ctx.random, audiences };
}

/**
 * `POST /v2/organizations/{org}/environments/{env}/profiles`: a profile from events. A create
 * whose events were already accepted (a retry whose answer was lost) returns the profile that
 * holds them rather than a second profile.
 *
 * @example
 * await createProfileHandler(ctx, request); // { status: 200, body: { data: { profile, ... } } }
 */
export async function createProfileHandler(ctx: HandlerContext, request: ApiRequest): Promise<ApiResponse> {
  const { scope, ...env } = resolveScope(ctx.config, request.params.org ?? '', request.params.env ?? '');
  const options = readOptions(request.query);
  const { events } = validateBody(await request.json(), { requireAnonymousId: false });
  const now = ctx.now();
  const data = await ctx.store.transaction(scope, options, async (tx) => {
    const ingest = ingestContext(ctx, tx, now, env.audiences);
    const retried = await findRetriedProfile(tx, events);
    if (!retried && options.commit) ctx.createLimiter.take([{ key: scopeKey(scope), events: 1 }], now);
    const start = retried ?? (await createProfile(ingest));
    if (options.commit) ctx.limiter.take([{ key: rateKey(scope, start.id), events: events.length }], now);
    return viewProfileData(tx, await applyEvents(ingest, start, events), env, now);
  });
  return ok(data);
}

/**
 * The profile of an earlier create that was exactly this request: every event already accepted,
 * byte for byte the same, all on one profile. A `messageId` alone is no credential: a create
 * naming someone else's `messageId` with other content (or beside new events) gets a new
 * profile, where the known events count as duplicates.
 */
async function findRetriedProfile(tx: StoreTransaction, events: readonly ExperienceEvent[]) {
  let owner: string | undefined;
  await tx.prefetchEvents(events.map((event) => event.messageId));
  for (const event of events) {
    const stored = await tx.findAcceptedEvent(event.messageId);
    if (stored === undefined || (owner !== undefined && stored.profileId !== owner)) return undefined;
    if (JSON.stringify(stored.event) !== JSON.stringify(event)) return undefined;
    owner = stored.profileId;
  }
  return owner === undefined ? undefined : tx.getProfile(owner);
}

function scopeKey({ organization, environment }: Scope): string {
  return `${organization}/${environment}`;
}

/**
 * `POST /v2/organizations/{org}/environments/{env}/profiles/{profileId}`: events for a profile.
 *
 * @example
 * await updateProfileHandler(ctx, request);
 */
export async function updateProfileHandler(ctx: HandlerContext, request: ApiRequest): Promise<ApiResponse> {
  const { scope, ...env } = resolveScope(ctx.config, request.params.org ?? '', request.params.env ?? '');
  const id = profileIdParam(request.params.profileId);
  const options = readOptions(request.query);
  const { events } = validateBody(await request.json(), { requireAnonymousId: false });
  const now = ctx.now();
  const data = await ctx.store.transaction(scope, options, async (tx) => {
    // The messageIds' look-up is started right behind the profile's read (which locks it), not
    // after its answer: over PostgreSQL both travel in one round trip, and still run in that
    // order. applyEvents then finds the messageIds known.
    const found = findProfile(tx, id, ctx.mergedIds === 'redirect');
    const prefetched = tx.prefetchEvents(events.map((event) => event.messageId));
    prefetched.catch(() => {});
    const start = await found;
    await prefetched;
    if (!start) throw profileNotFound(id);
    if (options.commit) ctx.limiter.take([{ key: rateKey(scope, start.id), events: events.length }], now);
    const ingest = ingestContext(ctx, tx, now, env.audiences);
    return viewProfileData(tx, await applyEvents(ingest, start, events), env, now);
  });
  return ok(data);
}

/**
 * `GET /v2/organizations/{org}/environments/{env}/profiles/{profileId}`.
 *
 * @example
 * await getProfileHandler(ctx, request);
 */
export async function getProfileHandler(ctx: HandlerContext, request: ApiRequest): Promise<ApiResponse> {
  const { scope, ...env } = resolveScope(ctx.config, request.params.org ?? '', request.params.env ?? '');
  const id = profileIdParam(request.params.profileId);
  readOptions(request.query);
  const now = ctx.now();
  const data = await ctx.store.transaction(scope, { commit: false }, async (tx) => {
    const stored = await findProfile(tx, id, ctx.mergedIds === 'redirect');
    if (!stored) throw profileNotFound(id);
    return viewProfileData(tx, stored, env, now);
  });
  return ok(data);
}

/**
 * `POST /v2/organizations/{org}/environments/{env}/events`: server-side batch. Every event names
 * its profile by `anonymousId` (a profile id, or the caller's own id for a new profile).
 * Answers one profile per distinct `anonymousId`, in order of first appearance.
 *
 * @example
 * await batchHandler(ctx, request); // { data: { profiles: [...] } }
 */
export async function batchHandler(ctx: HandlerContext, request: ApiRequest): Promise<ApiResponse> {
  const { scope, audiences } = resolveScope(ctx.config, request.params.org ?? '', request.params.env ?? '');
  const options = readOptions(request.query);
  const { events } = validateBody(await request.json(), { requireAnonymousId: true });
  const groups = new Map<string, ExperienceEvent[]>();
  for (const event of events) {
    const id = event.anonymousId as string;
    const group = groups.get(id);
    if (group) group.push(event);
    else groups.set(id, [event]);
  }
  const now = ctx.now();
  const profiles = await ctx.store.transaction(scope, options, async (tx) => {
    const ingest = ingestContext(ctx, tx, now, audiences);
    if (options.commit) {
      // Charged up front, all or nothing: an overloaded profile refuses the whole request.
      const charges = [];
      let created = 0;
      for (const [id, group] of groups) {
        const existing = await findProfile(tx, id, true);
        if (!existing) created++;
        charges.push({ key: rateKey(scope, existing?.id ?? id), events: group.length });
      }
      if (created > 0) ctx.createLimiter.take([{ key: scopeKey(scope), events: created }], now);
      ctx.limiter.take(charges, now);
    }
    const finalIds: string[] = [];
    for (const [id, group] of groups) {
      const start = (await findProfile(tx, id, true)) ?? (await createProfile(ingest, id));
      finalIds.push((await applyEvents(ingest, start, group)).id);
    }
    // Viewed after every group is applied, so a profile merged by a later group answers as
    // the survivor everywhere.
    const answered: Profile[] = [];
    for (const id of finalIds) {
      const stored = await findProfile(tx, id, true);
      if (stored) answered.push(await viewProfile(tx, stored, audiences, now));
    }
    return answered;
  });
  return ok({ profiles });
}

function profileNotFound(id: string): ApiError {
  return new ApiError(
    404,
    'ERR_PROFILE_NOT_FOUND',
    `profile ${quote(id)} does not exist (unknown, deleted or merged away)`,
  );
}
