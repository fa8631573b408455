import type { ComponentType, ReactNode } from 'react';
import { NinetailedProvider, useNinetailed, useProfile } from 'v7-react';
import { mountReactProbe, type ReactBinding } from './reactProbe';

// The official @ninetailed/experience.js-react@7.26.0 (alias `v7-react`), unchanged.
mountReactProbe({
  Provider: NinetailedProvider as ComponentType<{ children?: ReactNode }>,
  providerProps: ({ url, requestTimeout }) => ({
    clientId: 'demo',
    environment: 'main',
    url,
    requestTimeout,
  }),
  useNinetailed: useNinetailed as unknown as ReactBinding['useNinetailed'],
  useProfile: useProfile as unknown as ReactBinding['useProfile'],
});
