'use client';
import {
  type Baseline,
  type ExperienceConfiguration,
  observeElement,
  type Reference,
} from '@ninetailed/experience.js';
import {
  type ComponentType,
  type CSSProperties,
  type JSX,
  type ReactElement,
  useContext,
  useEffect,
  useRef,
  useSyncExternalStore,
  version,
} from 'react';
import { defaultExperienceGate, ExperienceGateContext } from './ExperienceGate';
import { useExperience } from './useExperience';
import { useNinetailed } from './useNinetailed';

/**
 * A component rendered by `<Experience>`: it gets the baseline's (or the variant's) props and
 * `ninetailed: { isPersonalized, audience: { id } }` (v7's shape).
 *
 * @example
 * ```tsx
 * const Hero: ExperienceComponent<{ title: string }> = ({ title, ninetailed }) => (
 *   <h1 data-personalized={ninetailed?.isPersonalized}>{title}</h1>
 * );
 * ```
 */
export type ExperienceComponent<P> = ComponentType<
  Omit<P, 'id'> & { ninetailed?: { isPersonalized: boolean; audience: { id: string } } }
>;

/**
 * The props `<Experience>` shares with its `loadingComponent`: the baseline's own props (with
 * its `id`), the `experiences`, the `component`, and `passthroughProps` (given to every
 * variant as is).
 *
 * @example
 * ```tsx
 * const Skeleton = (props: ExperienceBaseProps<HeroProps, Partial<HeroProps>, HeroProps & { id: string }>) => (
 *   <div className="skeleton" data-baseline={props.id} />
 * );
 * ```
 */
export type ExperienceBaseProps<
  P,
  PassThroughProps extends Partial<P>,
  Variant extends Pick<P, Exclude<keyof P, keyof PassThroughProps>> & Reference,
> = Baseline<Pick<P, Exclude<keyof P, keyof PassThroughProps>>> &
  // v7's type above requires only the `id` when no passthroughProps are given (and then
  // refuses every other baseline prop written as a JSX attribute); these make them optional,
  // typed props, so `<Experience id="a" title="b" ...>` checks `title` against the component.
  Partial<Omit<P, 'id'>> & {
    experiences: ExperienceConfiguration<Variant>[];
    component: ComponentType<P>;
    passthroughProps?: PassThroughProps;
  };

/**
 * A component shown instead of the invisible baseline while the profile is unknown.
 *
 * @example
 * ```tsx
 * const Loading: ExperienceLoadingComponent<HeroProps, Partial<HeroProps>, HeroProps & { id: string }> = () => (
 *   <div className="skeleton" />
 * );
 * ```
 */
export type ExperienceLoadingComponent<
  P,
  PassThroughProps extends Partial<P>,
  Variant extends Pick<P, Exclude<keyof P, keyof PassThroughProps>> & Reference,
> = ComponentType<ExperienceBaseProps<P, PassThroughProps, Variant>>;

/**
 * Props of `<Experience>` (v7's): the baseline's props with its `id`, `component`,
 * `experiences`, and optionally `passthroughProps`, `loadingComponent`, `trackClicks`,
 * `trackHovers`.
 *
 * @example
 * ```tsx
 * const props: ExperienceProps<HeroProps> = { id: 'hero-default', title: 'Welcome', component: Hero, experiences: [] };
 * ```
 */
export type ExperienceProps<
  P,
  PassThroughProps extends Partial<P> = Partial<P>,
  Variant extends Pick<P, Exclude<keyof P, keyof PassThroughProps>> & Reference = Pick<
    P,
    Exclude<keyof P, keyof PassThroughProps>
  > &
    Reference,
> = ExperienceBaseProps<P, PassThroughProps, Variant> & {
  loadingComponent?: ExperienceLoadingComponent<P, PassThroughProps, Variant>;
  /** Accepted for v7 compatibility; click tracking belongs to Insights (not sent yet). */
  trackClicks?: boolean;
  /** Accepted for v7 compatibility; hover tracking belongs to Insights (not sent yet). */
  trackHovers?: boolean;
};

const SHOWN: CSSProperties = { display: 'contents' };
const INVISIBLE: CSSProperties = { display: 'contents', visibility: 'hidden' };
// React 19 knows `inert` as a boolean; React 18 passes unknown attributes through as strings
// (and warns about `true`), so it gets the empty string.
const INERT = (Number(version.split('.')[0]) >= 19 ? true : '') as unknown as boolean;

/**
 * Renders the variant of a component this visitor gets (see `useExperience()` for the
 * selection), or the baseline outside every experience and in the holdout; a hidden variant
 * renders nothing. The component gets the variant's props, `passthroughProps`, and
 * `ninetailed: { isPersonalized, audience: { id } }`.
 *
 * It renders a wrapper `<div style="display: contents">` (no box: layout is unchanged) that
 * carries `data-nt-experience-id` (absent outside an experience), `data-nt-variant-index` and
 * `data-nt-component-id` (the id of the entry shown). No flicker: while the profile is unknown
 * (server HTML, hydration, first visit) a component with variants renders its baseline
 * invisibly (`visibility: hidden`, `aria-hidden`, `inert`: space kept, no layout shift), then
 * the selected variant; after the provider's `experienceTimeout` (default 5000 ms) the
 * baseline shows and the provider's `onError` hears why. A cached profile renders the right
 * variant on the first client render. Views of the element are counted by the core's
 * `observeElement` (a `component` event for sticky experiences, `onComponentView` for
 * plugins); the observation ends when the variant changes or the component unmounts.
 *
 * @example
 * ```tsx
 * import { Experience } from '@ninetailed/experience.js-react';
 *
 * const Hero = ({ title }: { title: string }) => <h1>{title}</h1>;
 *
 * export const Home = ({ experiences }: { experiences: ExperienceConfiguration<{ id: string; title: string }>[] }) => (
 *   <Experience id="hero-default" title="Welcome" component={Hero} experiences={experiences} />
 * );
 * ```
 */
export function Experience<
  P,
  PassThroughProps extends Partial<P> = Partial<P>,
  Variant extends Pick<P, Exclude<keyof P, keyof PassThroughProps>> & Reference = Pick<
    P,
    Exclude<keyof P, keyof PassThroughProps>
  > &
    Reference,
>(props: ExperienceProps<P, PassThroughProps, Variant>): ReactElement {
  const {
    experiences,
    component: Component,
    loadingComponent: Loading,
    trackClicks: _clicks,
    trackHovers: _hovers,
    passthroughProps,
    ...baseline
  } = props;
  const { ninetailed } = useNinetailed();
  const gate = useContext(ExperienceGateContext) ?? defaultExperienceGate;
  const timedOut = useSyncExternalStore(gate.subscribe, gate.timedOut, () => false);
  const result = useExperience({ baseline: baseline as Reference, experiences });
  const waiting = result.status === 'loading' && result.hasVariants && !timedOut;
  const { experience, variantIndex } = result;
  const variant = result.variant as Reference & { hidden?: boolean };
  const hidden = variant.hidden === true;
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (waiting) gate.wait(() => ninetailed.profileState.profile === null);
  }, [waiting, gate, ninetailed]);

  const experienceId = experience?.id;
  const sticky = experience?.sticky;
  useEffect(() => {
    // The wrapper has no box (display: contents): the component's element is what is seen.
    const element = ref.current?.firstElementChild;
    if (waiting || !element) return;
    // No experience id: a baseline outside every experience (still a view, for analytics).
    return observeElement(ninetailed, element, {
      experienceId,
      variantIndex,
      componentId: variant.id,
      componentType: 'Entry',
      sticky,
    });
  }, [waiting, ninetailed, experienceId, sticky, variantIndex, variant.id]);

  const invisible = waiting && !Loading;
  let child: ReactElement | null = null;
  if (waiting && Loading) {
    child = (
      <Loading
        {...(baseline as ExperienceBaseProps<P, PassThroughProps, Variant>)}
        experiences={experiences}
        component={Component}
        passthroughProps={passthroughProps}
      />
    );
  } else if (!hidden) {
    child = (
      <Component
        {...(passthroughProps as unknown as P & JSX.IntrinsicAttributes)}
        {...(variant as object)}
        ninetailed={{
          isPersonalized: result.isPersonalized,
          audience: { id: result.audience?.id ?? 'ALL_VISITORS' },
        }}
      />
    );
  }
  return (
    <div
      ref={ref}
      style={invisible ? INVISIBLE : SHOWN}
      aria-hidden={invisible || undefined}
      inert={invisible ? INERT : undefined}
      data-nt-experience-id={experienceId}
      data-nt-variant-index={variantIndex}
      data-nt-component-id={variant.id}
    >
      {child}
    </div>
  );
}
