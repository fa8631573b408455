import { useNinetailed } from '@ninetailed/experience.js-react';
import { useEffect, useRef } from 'react';
import { type Params, useLocation, useMatches } from 'react-router';

/** A route's `handle`: the custom properties its page events carry (e.g. `{ category }`). */
export interface PageHandle {
  pageProperties?: (params: Params) => Record<string, unknown>;
}

/**
 * Sends one `page()` per route change, by hand, as the Ninetailed docs tell React users.
 *
 * - Runs in an effect, after the new route (and its `<title>`) is committed, so the event
 *   carries the new URL and title.
 * - Keyed on `location.key`: every navigation has a new key (also to the same URL), and a
 *   re-render of the same location does not send again. The ref also absorbs StrictMode's
 *   second effect run in development.
 */
export function usePageViews(): void {
  const { page } = useNinetailed();
  const location = useLocation();
  const matches = useMatches();
  const sentFor = useRef<string | null>(null);
  useEffect(() => {
    if (sentFor.current === location.key) return;
    sentFor.current = location.key;
    const match = matches.at(-1);
    const handle = match?.handle as PageHandle | undefined;
    // A failed event is already reported (the provider's onError, debug logs): catching the
    // promise keeps a route change from ever leaving an unhandled rejection in the page.
    page(handle?.pageProperties?.(match?.params ?? {})).catch(() => {});
  }, [location.key, matches, page]);
}
