'use client';
import {
  NinetailedProvider as ReactNinetailedProvider,
  type NinetailedProviderProps as ReactNinetailedProviderProps,
} from '@ninetailed/experience.js-react';
import { type ReactElement, useState } from 'react';
import { PagePropertiesContext, type PagePropertiesRegistry } from './PagePropertiesContext';
import { RouteTracker } from './RouteTracker';
import type { RouteTrackingOptions } from './RouteTrackingOptions';

/**
 * The props of the React `NinetailedProvider` (a ready `ninetailed` instance or the core's
 * options) plus the route tracking options.
 *
 * @example
 * ```tsx
 * const props: NinetailedProviderProps = { clientId: 'demo', trackHashChanges: false };
 * ```
 */
export type NinetailedProviderProps = ReactNinetailedProviderProps & RouteTrackingOptions;

/**
 * The React `NinetailedProvider` that also sends one page event per navigation, under the App
 * Router (render it in `app/layout.tsx`: it is a client component) and the Pages Router
 * (`pages/_app.tsx`). The first load counts once (StrictMode too); path and query changes
 * count; re-renders, same-URL replaces and (unless `trackHashChanges`) hash changes do not.
 * Each event carries the new page's URL and `document.title`, plus what the page set with
 * `usePageProperties()` / `<PageProperties>`, or what `onRouteChange` returns.
 *
 * @example
 * ```tsx
 * // app/layout.tsx (a server component)
 * import { NinetailedProvider } from '@ninetailed/experience.js-next';
 *
 * export default function RootLayout({ children }: { children: React.ReactNode }) {
 *   return (
 *     <html lang="en">
 *       <body>
 *         <NinetailedProvider clientId={process.env.NEXT_PUBLIC_NINETAILED_CLIENT_ID ?? 'demo'}>
 *           {children}
 *         </NinetailedProvider>
 *       </body>
 *     </html>
 *   );
 * }
 * ```
 */
export function NinetailedProvider(props: NinetailedProviderProps): ReactElement {
  // The route options are the tracker's: the React provider would take them for core options.
  const { onRouteChange: _o, trackHashChanges: _h, titleTimeout: _t, children, ...rest } = props;
  const [registry] = useState<PagePropertiesRegistry>(() => new Map());
  return (
    <ReactNinetailedProvider {...(rest as ReactNinetailedProviderProps)}>
      <PagePropertiesContext.Provider value={registry}>
        {children}
        {/* After the children: their effects (usePageProperties) run before the tracker's. The
            tracker reads its options from the latest props. */}
        <RouteTracker options={props} />
      </PagePropertiesContext.Provider>
    </ReactNinetailedProvider>
  );
}
