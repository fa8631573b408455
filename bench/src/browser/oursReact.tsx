import { NinetailedProvider, useNinetailed, useProfile } from '@ninetailed/experience.js-react';
import type { ComponentType, ReactNode } from 'react';
import { mountReactProbe } from './reactProbe';

mountReactProbe({
  Provider: NinetailedProvider as ComponentType<{ children?: ReactNode }>,
  providerProps: ({ url, requestTimeout }) => ({
    clientId: 'demo',
    environment: 'main',
    url,
    requestTimeout,
  }),
  useNinetailed,
  useProfile,
});
