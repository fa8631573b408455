import { browserPageEnvironment, type PageEnvironment } from './pageEnvironment';
import { type PendingPage, waitForHead } from './waitForHead';

/** The parts of Gatsby's `location` the tracker reads. */
export interface RouteLocation {
  pathname: string;
  search?: string;
  hash?: string;
  href?: string;
  /** History entry key (`'initial'` for the first page); a new one for every navigation. */
  key?: string;
}

/** Turns Gatsby route updates into page events: one per route update. */
export interface PageTracker {
  /**
   * Reports a route update; returns `false` (and sends nothing) when it repeats the last
   * one (same history entry and URL: a remount, or Gatsby reporting the first load twice).
   */
  routeUpdated(location: RouteLocation, properties: () => Record<string, unknown>): boolean;
}

/** Options of {@link createPageTracker}. */
export interface PageTrackerOptions {
  /** Sends one page event (wired to `ninetailed.page`). */
  send(properties: Record<string, unknown>): void;
  environment?: PageEnvironment;
  /** Longest wait for the new `<head>`, in milliseconds (default 1000). */
  maxWaitMs?: number;
}

/**
 * Creates the tracker behind `onRouteUpdate`: the first load counts once, a repeated
 * report of the same route update counts never, and each page event leaves after the
 * new page's title is in place (see `waitForHead`). If the visitor moves on before that
 * (a click, or a page that redirects on mount), the waiting event is sent at once with its
 * own URL, before the next one: order is kept, nothing is lost.
 *
 * @example
 * const tracker = createPageTracker({ send: (properties) => ninetailed.page(properties).catch(() => {}) });
 * tracker.routeUpdated(location, () => ({ category: 'news' }));
 */
export function createPageTracker({
  send,
  environment = browserPageEnvironment(),
  maxWaitMs,
}: PageTrackerOptions): PageTracker {
  let lastRoute: string | undefined;
  let pending: PendingPage | undefined;
  return {
    routeUpdated(location, properties) {
      const url = location.href ?? `${location.pathname}${location.search ?? ''}${location.hash ?? ''}`;
      const route = `${location.key ?? ''} ${url}`;
      if (route === lastRoute) return false;
      lastRoute = route;
      pending?.flush();
      let superseded = false;
      const page: PendingPage = waitForHead(
        environment,
        () => {
          if (pending === handle) pending = undefined;
          // Flushed by the next route update: the browser is already at the next URL, so
          // this event names its own (the caller's keys win over the ones the core reads).
          send(superseded ? { ...routeProperties(location, url), ...properties() } : properties());
        },
        maxWaitMs,
      );
      const handle: PendingPage = {
        flush() {
          superseded = true;
          page.flush();
        },
      };
      pending = handle;
      return true;
    },
  };
}

/** The page fields of a route the browser has already left (same shapes as the core's). */
function routeProperties(location: RouteLocation, url: string): Record<string, unknown> {
  const search = location.search ?? '';
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) query[key] = value;
  return { url, path: location.pathname, search, query };
}
