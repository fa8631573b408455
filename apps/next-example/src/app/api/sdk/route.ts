import { LIBRARY_NAME, LIBRARY_VERSION, Ninetailed } from '@ninetailed/experience.js-next';

// A route handler importing the package (the core's names run on the server, as a no-op).

export async function GET() {
  const ninetailed = new Ninetailed({ clientId: 'demo' });
  await ninetailed.page();
  return Response.json({ library: LIBRARY_NAME, version: LIBRARY_VERSION, clientId: ninetailed.clientId });
}
