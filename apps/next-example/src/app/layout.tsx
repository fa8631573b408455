import { NinetailedProvider } from '@ninetailed/experience.js-next';
import { getNinetailedProfile } from '@ninetailed/experience.js-next/server';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Nav } from '../components/Nav';
import { ProfileInspector } from '../components/ProfileInspector';
import { NINETAILED_CLIENT_ID, NINETAILED_URL } from '../lib/ninetailed';
import { ninetailed } from '../lib/ninetailedServer';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Ninetailed Next example', template: '%s · Ninetailed Next example' },
  icons: '/favicon.svg',
};

// A server component: NinetailedProvider is a client component ('use client'), so it is the
// client boundary here, and only serializable props (strings, the profile JSON) cross it. It
// sends one page event per navigation by itself. `getNinetailedProfile` evaluates this page for
// the visitor (the `ntaid` cookie; nothing stored), so the server HTML already shows their
// variants; it makes every App Router route dynamic (rendered per request).
export default async function RootLayout({ children }: { children: ReactNode }) {
  const initialProfile = await getNinetailedProfile(ninetailed);
  return (
    <html lang="en">
      <body>
        <NinetailedProvider
          clientId={NINETAILED_CLIENT_ID}
          url={NINETAILED_URL}
          insightsUrl={NINETAILED_URL}
          initialProfile={initialProfile}
        >
          <Nav router="app" />
          <main>{children}</main>
          <ProfileInspector />
        </NinetailedProvider>
      </body>
    </html>
  );
}
