'use client';
import type { ReactElement, ReactNode } from 'react';

const REPLACEMENT =
  "Edge-side rendering is replaced by server-side selection: fetch the visitor's profile on the server " +
  '(getServerSideNinetailedProfile or getNinetailedProfile from @ninetailed/experience.js-next/server) and pass it ' +
  'as <NinetailedProvider initialProfile={...}>; <Experience> then renders the variant in the server HTML.';

/**
 * v7's edge-side rendering context. Not supported: rendering it throws a `[ninetailed]` error
 * that names the replacement (the server-side selection with `initialProfile`).
 *
 * @deprecated Pass the server-fetched profile as `<NinetailedProvider initialProfile>` instead.
 * @throws Error (`[ninetailed] ESRProvider ...`) when rendered.
 * @example
 * ```tsx
 * // v7: <ESRProvider experienceVariantsMap={map}><App /></ESRProvider>
 * // now: <NinetailedProvider clientId="demo" initialProfile={ninetailedProfile}><App /></NinetailedProvider>
 * ```
 */
export function ESRProvider(_props: {
  experienceVariantsMap: Record<string, number>;
  children?: ReactNode;
}): ReactElement {
  throw new Error(`[ninetailed] ESRProvider is not supported. ${REPLACEMENT}`);
}

/**
 * v7's loading component of edge-side rendering. Not supported: rendering it throws a
 * `[ninetailed]` error that names the replacement. Leave `loadingComponent` out: while the
 * profile is unknown `<Experience>` keeps the baseline's space invisibly.
 *
 * @deprecated Leave `loadingComponent` out, and pass `initialProfile` to the provider.
 * @throws Error (`[ninetailed] ESRLoadingComponent ...`) when rendered.
 * @example
 * ```tsx
 * // v7: <Experience {...entry} loadingComponent={ESRLoadingComponent} />
 * // now: <Experience {...entry} />
 * ```
 */
export function ESRLoadingComponent(_props: object): ReactElement {
  throw new Error(`[ninetailed] ESRLoadingComponent is not supported. ${REPLACEMENT}`);
}
