'use client';
import { Ninetailed, NinetailedConfigError, type NinetailedOptions } from '@ninetailed/experience.js';
import { type ReactNode, useMemo, useRef } from 'react';
import { createNinetailedApi, NinetailedContext } from './NinetailedContext';

/**
 * `NinetailedProvider` props when you made the instance yourself. No option may be given
 * alongside it (the instance already has its options).
 *
 * @example
 * ```tsx
 * const ninetailed = new Ninetailed({ clientId: 'demo' });
 * const props: NinetailedProviderInstanceProps = { ninetailed, children: <App /> };
 * ```
 */
export type NinetailedProviderInstanceProps = {
  /** A ready core instance (for example shared with non-React code). */
  ninetailed: Ninetailed;
  children?: ReactNode;
} & { [K in keyof NinetailedOptions]?: never };

/**
 * `NinetailedProvider` props when the provider makes the instance: the core's options.
 *
 * @example
 * ```tsx
 * const props: NinetailedProviderOptionsProps = { clientId: 'demo', environment: 'main' };
 * ```
 */
export type NinetailedProviderOptionsProps = NinetailedOptions & {
  ninetailed?: never;
  children?: ReactNode;
};

/**
 * Either a ready `ninetailed` instance or the core's options, never both.
 *
 * @example
 * ```tsx
 * const a: NinetailedProviderProps = { clientId: 'demo' };
 * const b: NinetailedProviderProps = { ninetailed: new Ninetailed({ clientId: 'demo' }) };
 * ```
 */
export type NinetailedProviderProps = NinetailedProviderInstanceProps | NinetailedProviderOptionsProps;

// The instance made for a props object, so that the two calls React makes of the first
// render under StrictMode (React 18 keeps no hook state between them) share one instance.
// Keyed by the props object, which React passes unchanged to both calls.
const instanceForProps = new WeakMap<object, Ninetailed>();

function optionsFrom(props: NinetailedProviderProps): NinetailedOptions {
  const { children: _children, ninetailed: _ninetailed, ...options } = props;
  return options as NinetailedOptions;
}

function assertOneForm(props: NinetailedProviderProps): void {
  const given = Object.entries(optionsFrom(props))
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
  if (props.ninetailed !== undefined && given.length > 0) {
    throw new NinetailedConfigError(
      'ninetailed',
      `<NinetailedProvider> got both a "ninetailed" instance and options (${given.join(', ')}). ` +
        'Pass one: <NinetailedProvider ninetailed={instance}> or <NinetailedProvider clientId="...">.',
    );
  }
  if (props.ninetailed === undefined && given.length === 0) {
    throw new NinetailedConfigError(
      'clientId',
      '<NinetailedProvider> needs a "clientId" (and other options) or a ready "ninetailed" instance: ' +
        '<NinetailedProvider clientId="YOUR_CLIENT_ID">.',
    );
  }
}

function instanceFor(props: NinetailedProviderOptionsProps): Ninetailed {
  let instance = instanceForProps.get(props);
  if (instance === undefined) {
    instance = new Ninetailed(optionsFrom(props));
    instanceForProps.set(props, instance);
  }
  return instance;
}

/**
 * Makes a Ninetailed instance available to `useNinetailed()` and `useProfile()`.
 *
 * Give it either a ready `ninetailed` instance or the core's options (`clientId`,
 * `environment`, `url`, ...). With options it creates exactly one instance for its lifetime
 * (also under `React.StrictMode`); options changed after the first render are ignored.
 * Rendering does no I/O, and the provider renders on the server without touching `window`.
 *
 * @example
 * ```tsx
 * import { NinetailedProvider } from '@ninetailed/experience.js-react';
 *
 * createRoot(root).render(
 *   <NinetailedProvider clientId="NINETAILED_API_KEY" environment="main">
 *     <App />
 *   </NinetailedProvider>,
 * );
 * ```
 */
export function NinetailedProvider(props: NinetailedProviderProps): ReactNode {
  assertOneForm(props);
  const owned = useRef<Ninetailed | null>(null);
  let ninetailed: Ninetailed;
  if (props.ninetailed !== undefined) {
    ninetailed = props.ninetailed;
  } else {
    if (owned.current === null) owned.current = instanceFor(props);
    ninetailed = owned.current;
  }
  const api = useMemo(() => createNinetailedApi(ninetailed), [ninetailed]);
  return <NinetailedContext.Provider value={api}>{props.children}</NinetailedContext.Provider>;
}
