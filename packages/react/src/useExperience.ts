'use client';
import {
  type ExperienceConfiguration,
  type Profile,
  type Reference,
  selectExperienceVariantBy,
  type VariantRef,
} from '@ninetailed/experience.js';
import { useMemo } from 'react';
import { useProfile } from './useProfile';

/**
 * What `useExperience()` takes: the baseline (an entry with an `id`) and the experiences
 * that may replace it, in the order they are listed.
 *
 * @example
 * ```ts
 * const args: UseExperienceArgs<{ id: string; title: string }, { id: string; title: string }> = {
 *   baseline: { id: 'hero-default', title: 'Welcome' },
 *   experiences: [],
 * };
 * ```
 */
export type UseExperienceArgs<TBaseline extends Reference, TVariant extends Reference> = {
  baseline: TBaseline;
  experiences: ExperienceConfiguration<TVariant>[];
};

type Common<TBaseline> = {
  /** Whether any listed experience has a variant of this baseline. */
  hasVariants: boolean;
  baseline: TBaseline;
  isPersonalized: boolean;
};

/**
 * What `useExperience()` returns (v7's shape): `loading` (no profile yet: the baseline),
 * `success` (the selected variant, or the baseline outside every experience) or `error`
 * (no profile could be had: the baseline).
 *
 * @example
 * ```ts
 * const shown = (r: UseExperienceReturn<{ id: string }, { id: string }>) => r.variant.id;
 * ```
 */
export type UseExperienceReturn<TBaseline extends Reference, TVariant extends Reference> =
  | (Common<TBaseline> & {
      status: 'loading';
      loading: boolean;
      experience: null;
      variant: TBaseline;
      variantIndex: 0;
      audience: null;
      profile: null;
      error: null;
    })
  | (Common<TBaseline> & {
      status: 'success';
      loading: boolean;
      experience: ExperienceConfiguration<TVariant | VariantRef> | null;
      variant: TBaseline | TVariant | VariantRef;
      variantIndex: number;
      audience: { id: string } | null;
      profile: Profile;
      error: null;
    })
  | (Common<TBaseline> & {
      status: 'error';
      loading: boolean;
      experience: null;
      variant: TBaseline;
      variantIndex: 0;
      audience: null;
      profile: null;
      error: Error;
    });

/**
 * The variant of `baseline` this visitor gets, from the experiences the Experience API
 * selected for the profile (`profileState.experiences`): the first listed experience the
 * visitor is in that has an `EntryReplacement` for `baseline.id`; index 0 (the holdout or the
 * control group) and no experience at all give the baseline. While no profile is known it
 * returns `status: 'loading'` with the baseline (also on the server and during hydration).
 * A known profile whose latest request failed still selects from that profile (`success`):
 * what is shown does not fall back to the baseline because one request failed.
 *
 * @example
 * ```tsx
 * import { useExperience } from '@ninetailed/experience.js-react';
 *
 * export const Hero = ({ baseline, experiences }: HeroProps) => {
 *   const { loading, variant, isPersonalized } = useExperience({ baseline, experiences });
 *   if (loading) return <div style={{ visibility: 'hidden' }}>{baseline.title}</div>;
 *   return <h1 data-personalized={isPersonalized}>{'title' in variant ? variant.title : baseline.title}</h1>;
 * };
 * ```
 */
export function useExperience<TBaseline extends Reference, TVariant extends Reference>({
  baseline,
  experiences,
}: UseExperienceArgs<TBaseline, TVariant>): UseExperienceReturn<TBaseline, TVariant> {
  const state = useProfile();
  return useMemo(() => {
    const { profile, error } = state;
    // No profile: `error` when none could be had, else `loading` (also on the server).
    const failed = !profile && state.status === 'error' && !!error;
    return {
      // Malformed definitions (from a CMS, plain JS) count as none: never a throw into the page.
      hasVariants: (Array.isArray(experiences) ? experiences : []).some((experience) =>
        experience?.components?.some?.(
          (c) => c?.type === 'EntryReplacement' && c.baseline?.id === baseline.id && c.variants?.length > 0,
        ),
      ),
      baseline,
      // Without a profile this is the baseline: no experience, index 0, not personalized.
      // The API's selection, as `selectExperienceVariant` makes it by default (without its
      // local evaluation, which the app then does not bundle).
      ...selectExperienceVariantBy(
        baseline,
        profile ? experiences : [],
        (experience) => state.experiences?.find((info) => info?.experienceId === experience.id)?.variantIndex,
      ),
      status: profile ? 'success' : failed ? 'error' : 'loading',
      loading: !profile && !failed,
      profile,
      error: failed ? error : null,
    } as UseExperienceReturn<TBaseline, TVariant>;
  }, [state, baseline, experiences]);
}
