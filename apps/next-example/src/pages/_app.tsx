import { NinetailedProvider } from '@ninetailed/experience.js-next';
import type { AppProps } from 'next/app';
import { Nav } from '../components/Nav';
import { ProfileInspector } from '../components/ProfileInspector';
import { NINETAILED_CLIENT_ID, NINETAILED_URL } from '../lib/ninetailed';
import '../app/globals.css';

// The Pages Router: the same provider, in _app. It sends one page event per navigation. A page
// with getServerSideProps may hand it the visitor's profile (`ninetailedProfile`, see
// pages/legacy/personalized.tsx): only the first page's counts (the instance lives on).
export default function App({ Component, pageProps }: AppProps) {
  return (
    <NinetailedProvider
      clientId={NINETAILED_CLIENT_ID}
      url={NINETAILED_URL}
      insightsUrl={NINETAILED_URL}
      initialProfile={pageProps.ninetailedProfile}
    >
      <Nav router="pages" />
      <main>
        <Component {...pageProps} />
      </main>
      <ProfileInspector />
    </NinetailedProvider>
  );
}
