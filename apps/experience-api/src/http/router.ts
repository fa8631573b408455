import { ApiError } from '../domain/errors';
import {
  type ApiRequest,
  type ApiResponse,
  batchHandler,
  createProfileHandler,
  getProfileHandler,
  type HandlerContext,
  updateProfileHandler,
} from './handlers';
import { clearEventsHandler, healthHandler, listEventsHandler } from './localHandlers';

type Handler = (ctx: HandlerContext, request: ApiRequest) => Promise<ApiResponse>;

interface Route {
  pattern: RegExp;
  names: string[];
  methods: Record<string, Handler>;
}

const SEGMENT = '([^/]+)';
const BASE = `^/v2/organizations/${SEGMENT}/environments/${SEGMENT}`;

const ROUTES: Route[] = [
  {
    pattern: new RegExp(`${BASE}/profiles/?$`),
    names: ['org', 'env'],
    methods: { POST: createProfileHandler },
  },
  {
    pattern: new RegExp(`${BASE}/profiles/${SEGMENT}/?$`),
    names: ['org', 'env', 'profileId'],
    methods: { POST: updateProfileHandler, GET: getProfileHandler },
  },
  { pattern: new RegExp(`${BASE}/events/?$`), names: ['org', 'env'], methods: { POST: batchHandler } },
  {
    pattern: /^\/__local\/events\/?$/,
    names: [],
    methods: { GET: listEventsHandler, DELETE: clearEventsHandler },
  },
  { pattern: /^\/__local\/health\/?$/, names: [], methods: { GET: healthHandler } },
];

/** The handler for a method and path, with the path's decoded parameters. */
export interface RouteMatch {
  handler: Handler;
  params: Record<string, string>;
}

/**
 * Finds the handler for a request, or throws 404 `ERR_NOT_FOUND` / 405 `ERR_METHOD_NOT_ALLOWED`.
 *
 * @example
 * const { handler, params } = matchRoute('GET', '/v2/organizations/demo/environments/main/profiles/p1');
 * params.profileId; // 'p1'
 */
export function matchRoute(method: string, pathname: string): RouteMatch {
  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const handler = route.methods[method];
    if (!handler) {
      const allow = [...Object.keys(route.methods), 'OPTIONS'].join(', ');
      throw new ApiError(
        405,
        'ERR_METHOD_NOT_ALLOWED',
        `${method} is not allowed on ${pathname} (allowed: ${allow})`,
        {
          Allow: allow,
        },
      );
    }
    const params: Record<string, string> = {};
    route.names.forEach((name, index) => {
      params[name] = decodeSegment(match[index + 1] ?? '', name);
    });
    return { handler, params };
  }
  throw new ApiError(404, 'ERR_NOT_FOUND', `no endpoint at ${pathname}`);
}

function decodeSegment(segment: string, name: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, 'ERR_INVALID_DATA', `${name}: is not a valid URL path segment`);
  }
}
