import { Experience, NinetailedProvider, useNinetailed } from '@ninetailed/experience.js-react';
import type { HeroBinding } from './heroApp';

/** Our React binding, as the hero app uses it (the browser pages and the SSR server alike). */
export const oursHeroBinding = {
  Provider: NinetailedProvider,
  Experience,
  useNinetailed,
} as unknown as HeroBinding;
