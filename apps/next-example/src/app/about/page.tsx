import { LIBRARY_NAME, LIBRARY_VERSION } from '@ninetailed/experience.js-next';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'About' };

// A server component importing the package (the core's names run on the server).
export default function About() {
  return (
    <>
      <h1>About</h1>
      <p>
        Built with <code data-testid="sdk">{`${LIBRARY_NAME}@${LIBRARY_VERSION}`}</code>, rendered on the
        server.
      </p>
    </>
  );
}
