import { NinetailedServer } from '@ninetailed/experience.js-next/server';
import { NINETAILED_CLIENT_ID, NINETAILED_URL } from './ninetailed';

/**
 * The server's Experience API client (proxy, layout, `getServerSideProps`, server actions).
 * `NINETAILED_API_URL` (read at run time, not inlined: a server variable) points the server at
 * another API than the browser's, for example in the e2e tests. No retries: a page does not
 * wait for a struggling API, it renders as a static page would and the browser selects.
 */
export const ninetailed = new NinetailedServer({
  clientId: NINETAILED_CLIENT_ID,
  url: process.env.NINETAILED_API_URL || NINETAILED_URL,
  retries: 0,
  requestTimeout: 2000,
  totalTimeout: 2000,
  // The first visit of a page to a stopped API is reported once per request; one line is enough.
  onError: (error) => console.warn(`[next-example] SSR without a profile: ${error.message}`),
});
