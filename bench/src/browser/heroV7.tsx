import { createRoot } from 'react-dom/client';
import { Experience, NinetailedProvider, useNinetailed } from 'v7-react';
import { HeroApp, type HeroBinding } from './heroApp';

// The official @ninetailed/experience.js-react@7.26.0 (alias `v7-react`), unchanged: client-side only.
const binding = { Provider: NinetailedProvider, Experience, useNinetailed } as unknown as HeroBinding;
const query = new URLSearchParams(location.search);
createRoot(document.getElementById('root')!).render(
  <HeroApp
    binding={binding}
    providerProps={{
      clientId: 'demo',
      environment: 'main',
      url: query.get('api') ?? 'http://127.0.0.1:3030',
    }}
  />,
);
