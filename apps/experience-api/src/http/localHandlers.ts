import { ApiError, invalid } from '../domain/errors';
import type { Scope } from '../store/store';
import { type ApiRequest, type ApiResponse, type HandlerContext, ok, resolveScope } from './handlers';

function localScope(ctx: HandlerContext, query: URLSearchParams): Scope {
  if (!ctx.inspection) {
    throw new ApiError(
      404,
      'ERR_NOT_FOUND',
      'no endpoint at /__local/events (inspection is off on this server)',
    );
  }
  const organization = query.get('organization');
  const environment = query.get('environment') ?? 'main';
  if (!organization) throw invalid('organization', 'query parameter is required');
  return resolveScope(ctx.config, organization, environment).scope;
}

/**
 * `GET /__local/events?organization=demo&environment=main[&all=1]`: every accepted event in
 * the order accepted (with duplicates flagged when `all=1`). Local inspection for tests.
 *
 * @example
 * await listEventsHandler(ctx, request); // { data: { events: [{ profileId, receivedAt, event }] } }
 */
export async function listEventsHandler(ctx: HandlerContext, request: ApiRequest): Promise<ApiResponse> {
  const scope = localScope(ctx, request.query);
  const all = request.query.get('all');
  const events = await ctx.store.listLog(scope, { includeDuplicates: all === '1' || all === 'true' });
  return ok({ events });
}

/**
 * `DELETE /__local/events?organization=demo&environment=main`: clears the inspection log only.
 *
 * @example
 * await clearEventsHandler(ctx, request); // { status: 200, body: { data: { cleared: true } } }
 */
export async function clearEventsHandler(ctx: HandlerContext, request: ApiRequest): Promise<ApiResponse> {
  await ctx.store.clearLog(localScope(ctx, request.query));
  return ok({ cleared: true });
}

/**
 * `GET /__local/health`: readiness, and how many requests are being answered (this one included).
 *
 * @example
 * await healthHandler(ctx); // { data: { status: 'ok', inFlight: 1 } }
 */
export async function healthHandler(ctx: HandlerContext): Promise<ApiResponse> {
  return ok({ status: 'ok', inFlight: ctx.inFlight() });
}
