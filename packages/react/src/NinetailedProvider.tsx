'use client';
import { Ninetailed, NinetailedConfigError, type NinetailedOptions } from '@ninetailed/experience.js';
import { type ReactElement, type ReactNode, useEffect, useMemo, useRef } from 'react';
import { createExperienceGate, ExperienceGateContext } from './ExperienceGate';
import { createNinetailedApi, NinetailedContext } from './NinetailedContext';

/**
 * Props of the provider itself (not core options), valid with either form.
 *
 * @example
 * ```tsx
 * <NinetailedProvider clientId="demo" experienceTimeout={3000}>
 *   <App />
 * </NinetailedProvider>
 * ```
 */
export interface NinetailedProviderExperienceProps {
  /**
   * Milliseconds an `<Experience>` with variants stays invisible while the profile is unknown;
   * then it shows its baseline and `onError` hears why. Default 5000.
   */
  experienceTimeout?: number;
}

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
export type NinetailedProviderInstanceProps = NinetailedProviderExperienceProps & {
  /** A ready core instance (for example shared with non-React code). */
  ninetailed: Ninetailed;
  /**
   * Hears the errors of the React binding (an `<Experience>` timeout). The instance's own
   * errors go to the `onError` it was made with.
   */
  onError?: (error: Error) => void;
  children?: ReactNode;
} & { [K in Exclude<keyof NinetailedOptions, 'onError'>]?: never };

/**
 * `NinetailedProvider` props when the provider makes the instance: the core's options.
 *
 * @example
 * ```tsx
 * const props: NinetailedProviderOptionsProps = { clientId: 'demo', environment: 'main' };
 * ```
 */
export type NinetailedProviderOptionsProps = NinetailedOptions &
  NinetailedProviderExperienceProps & {
    ninetailed?: never;
    children?: ReactNode;
  };

/**
 * v7's name of the props that make the instance: the core's options (`clientId`,
 * `environment`, `url`, `plugins`, `onLog`, `onError`, ... as `new Ninetailed(...)` accepts
 * them) plus the provider's own.
 *
 * @example
 * ```tsx
 * import type { NinetailedProviderInstantiationProps } from '@ninetailed/experience.js-react';
 * const props: NinetailedProviderInstantiationProps = { clientId: 'demo', url: 'http://127.0.0.1:3030' };
 * ```
 */
export type NinetailedProviderInstantiationProps = NinetailedProviderOptionsProps;

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
  const { children: _c, ninetailed: _n, experienceTimeout: _t, ...options } = props;
  return options as NinetailedOptions;
}

function assertOneForm(props: NinetailedProviderProps): void {
  const given = Object.entries(optionsFrom(props))
    // With an instance, `onError` is the binding's own error handler, not a core option.
    .filter(([key, value]) => value !== undefined && !(props.ninetailed && key === 'onError'))
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
  const timeout = props.experienceTimeout;
  if (timeout !== undefined && !(timeout >= 0 && timeout < 2 ** 31)) {
    throw new NinetailedConfigError(
      'experienceTimeout',
      `<NinetailedProvider> "experienceTimeout" must be 0 to 2147483647 ms, got ${timeout}`,
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
 * Makes a Ninetailed instance available to `useNinetailed()`, `useProfile()`, `<Experience>`,
 * `useFlag()` and `<MergeTag>`.
 *
 * Give it either a ready `ninetailed` instance or the core's options (`clientId`,
 * `environment`, `url`, ...). With options it creates exactly one instance for its lifetime
 * (also under `React.StrictMode`); options changed after the first render are ignored.
 * Rendering does no I/O, and the provider renders on the server without touching `window`.
 * `experienceTimeout` (default 5000 ms) bounds how long an `<Experience>` stays invisible while
 * the profile is unknown; `onError` hears when it ran out.
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
export function NinetailedProvider(props: NinetailedProviderProps): ReactElement {
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
  // The latest onError, so an inline arrow does not make a new gate on every render.
  const onError = useRef(props.onError);
  onError.current = props.onError;
  const timeout = props.experienceTimeout ?? 5000;
  const gate = useMemo(() => createExperienceGate(timeout, (error) => onError.current?.(error)), [timeout]);
  useEffect(() => () => gate.dispose(), [gate]);
  return (
    <NinetailedContext.Provider value={api}>
      <ExperienceGateContext.Provider value={gate}>{props.children}</ExperienceGateContext.Provider>
    </NinetailedContext.Provider>
  );
}
