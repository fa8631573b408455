import { NinetailedProvider } from '@ninetailed/experience.js-react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { readConfig } from './config';
import { router } from './router';
import './styles.css';

const { url, clientId, environment } = readConfig();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* Views, clicks and hovers go to Insights: the same local Experience API serves its ingest path. */}
    <NinetailedProvider clientId={clientId} environment={environment} url={url} insightsUrl={url}>
      <RouterProvider router={router} />
    </NinetailedProvider>
  </StrictMode>,
);
