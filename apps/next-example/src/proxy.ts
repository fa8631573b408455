import { LIBRARY_VERSION } from '@ninetailed/experience.js-next';
import { ninetailedProxy } from '@ninetailed/experience.js-next/server';
import type { NextRequest } from 'next/server';
import { ninetailed } from './lib/ninetailedServer';

// Next 16's proxy (formerly middleware): a first-time visitor gets a profile before the page
// renders, and the first response sets its `ntaid` cookie (one profile for the server and the
// browser); the page's URL is forwarded to the layout's getNinetailedProfile.
export async function proxy(request: NextRequest) {
  const response = await ninetailedProxy(ninetailed, request);
  // The package loads in the proxy (the build must not break): its version, on two pages.
  if (['/about', '/legacy'].includes(request.nextUrl.pathname)) {
    response.headers.set('x-ninetailed-sdk', LIBRARY_VERSION);
  }
  return response;
}

// Pages only: not the build's assets, the route handlers or the icon.
export const config = { matcher: ['/((?!_next/|api/|favicon).*)'] };
