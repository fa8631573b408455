import { NinetailedProvider } from '@ninetailed/experience.js-next';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Nav } from '../components/Nav';
import { ProfileInspector } from '../components/ProfileInspector';
import { NINETAILED_CLIENT_ID, NINETAILED_URL } from '../lib/ninetailed';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Ninetailed Next example', template: '%s · Ninetailed Next example' },
  icons: '/favicon.svg',
};

// A server component: NinetailedProvider is a client component ('use client'), so it is the
// client boundary here, and only serializable props (strings) cross it. It sends one page event
// per navigation by itself.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <NinetailedProvider clientId={NINETAILED_CLIENT_ID} url={NINETAILED_URL}>
          <Nav router="app" />
          <main>{children}</main>
          <ProfileInspector />
        </NinetailedProvider>
      </body>
    </html>
  );
}
