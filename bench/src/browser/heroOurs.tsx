import type { ProfileResponseData } from '@ninetailed/experience.js';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { HeroApp } from './heroApp';
import { oursHeroBinding } from './heroBindings';

// Ours, SSR and client-only: the same script. With server HTML (and the initial profile the
// server rendered it with, in `#nt-initial-profile`) it hydrates; without, it renders.
const query = new URLSearchParams(location.search);
const root = document.getElementById('root')!;
const embedded = document.getElementById('nt-initial-profile')?.textContent;
const initialProfile = embedded ? (JSON.parse(embedded) as ProfileResponseData) : undefined;
const app = (
  <HeroApp
    binding={oursHeroBinding}
    providerProps={{
      clientId: 'demo',
      environment: 'main',
      url: query.get('api') ?? 'http://127.0.0.1:3030',
      initialProfile,
    }}
  />
);
if (root.firstChild) hydrateRoot(root, app);
else createRoot(root).render(app);
