// pages/_app.tsx of a v7 Pages Router app, unchanged but for the import of our package.
import { NinetailedProvider } from '@ninetailed/experience.js-next';
import type { AppProps } from 'next/app';

export default function App({ Component, pageProps }: AppProps) {
  return (
    <NinetailedProvider
      clientId="demo"
      environment="main"
      url="http://127.0.0.1:3030"
      componentViewTrackingThreshold={2000}
      onRouteChange={(routeInfo, ninetailed) => {
        if (!routeInfo.isInitialRoute) ninetailed.page();
      }}
    >
      <Component {...pageProps} />
    </NinetailedProvider>
  );
}
