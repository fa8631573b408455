// !! important !! NEXT_PUBLIC_ variables are inlined into the browser bundle at build time, and
// only when read literally as `process.env.NEXT_PUBLIC_...` (no destructuring). Changing them
// needs a new `next build`. (The e2e tests point a built app at their own API another way: see
// README.md.)

/** The Ninetailed client id (organisation) of the local Experience API's demo configuration. */
export const NINETAILED_CLIENT_ID = process.env.NEXT_PUBLIC_NINETAILED_CLIENT_ID || 'demo';

/** The Experience API base URL: the local one (`pnpm api`) unless told otherwise. */
export const NINETAILED_URL = process.env.NEXT_PUBLIC_NINETAILED_URL || 'http://127.0.0.1:3030';
