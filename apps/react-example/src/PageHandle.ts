import type { Params } from 'react-router';

/** A route's `handle`: the custom properties its page events carry (e.g. `{ category }`). */
export interface PageHandle {
  pageProperties?: (params: Params) => Record<string, unknown>;
}
