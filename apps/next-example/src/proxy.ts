import { LIBRARY_VERSION } from '@ninetailed/experience.js-next';
import { NextResponse } from 'next/server';

// Next 16's proxy (formerly middleware) importing the package: it must not break the build.
export function proxy() {
  const response = NextResponse.next();
  response.headers.set('x-ninetailed-sdk', LIBRARY_VERSION);
  return response;
}

export const config = { matcher: ['/about', '/legacy'] };
