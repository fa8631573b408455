import type { ExperienceConfiguration, Reference, VariantRef } from './experienceTypes';
import type { Ninetailed } from './Ninetailed';
import { selectExperienceVariant } from './selectExperienceVariant';
import { selectHook } from './selectHook';
import type { Profile, ProfileState } from './types';

/**
 * The first argument of `ninetailed.onSelectVariant` (v7's): the component as the app renders it
 * without personalization, and the experiences that may replace it, in the order they count.
 *
 * @example
 * ```ts
 * import type { OnSelectVariantArgs } from '@ninetailed/experience.js';
 * const args: OnSelectVariantArgs<{ id: string; title: string }, { id: string; title: string }> = {
 *   baseline: { id: 'hero-default', title: 'Welcome' },
 *   experiences: [],
 * };
 * ```
 */
export type OnSelectVariantArgs<
  Baseline extends Reference = Reference,
  Variant extends Reference = Reference,
> = {
  baseline: Baseline;
  experiences: readonly ExperienceConfiguration<Variant>[];
};

type Common<Baseline> = {
  /** Whether any listed experience has a variant of this baseline. */
  hasVariants: boolean;
  baseline: Baseline;
  loading: boolean;
  variantIndex: number;
  isPersonalized: boolean;
};

/**
 * What `ninetailed.onSelectVariant` calls back with (v7's union, narrowed by `status`):
 * `loading` (no profile yet: the baseline), `success` (the variant the Experience API selected
 * for this profile, or the baseline outside every experience) or `error` (no profile could be
 * had: the baseline). The same shape as React's `useExperience()`.
 *
 * @example
 * ```ts
 * import type { OnSelectVariantCallbackArgs } from '@ninetailed/experience.js';
 * const shown = (state: OnSelectVariantCallbackArgs<{ id: string }, { id: string }>) =>
 *   state.status === 'success' ? state.variant.id : state.baseline.id;
 * ```
 */
export type OnSelectVariantCallbackArgs<
  Baseline extends Reference = Reference,
  Variant extends Reference = Reference,
> =
  | (Common<Baseline> & {
      status: 'loading';
      experience: null;
      variant: Baseline;
      audience: null;
      profile: null;
      error: null;
    })
  | (Common<Baseline> & {
      status: 'success';
      experience: ExperienceConfiguration<Variant> | null;
      variant: Baseline | Variant | VariantRef;
      audience: { id: string } | null;
      profile: Profile;
      error: null;
    })
  | (Common<Baseline> & {
      status: 'error';
      experience: null;
      variant: Baseline;
      audience: null;
      profile: null;
      error: Error;
    });

/**
 * What `onSelectVariant` tells for `state`: the API's selection (`state.experiences`) applied to
 * `baseline` by `selectExperienceVariant`'s rules. A known profile whose latest request failed
 * still selects from that profile (`success`), as `useExperience()` does.
 *
 * @example
 * ```ts
 * selectVariantState({ baseline, experiences }, ninetailed.profileState).variant; // internal
 * ```
 */
export function selectVariantState<Baseline extends Reference, Variant extends Reference>(
  { baseline, experiences }: OnSelectVariantArgs<Baseline, Variant>,
  { profile, experiences: selected, error }: ProfileState,
): OnSelectVariantCallbackArgs<Baseline, Variant> {
  // No profile: `error` when none could be had, else `loading`.
  const failed = !profile && !!error;
  return {
    // Malformed definitions (from a CMS, plain JS) count as none: never a throw into the page.
    hasVariants: (Array.isArray(experiences) ? experiences : []).some((experience) =>
      (experience as ExperienceConfiguration<Variant> | undefined)?.components?.some?.(
        (c) => c?.type === 'EntryReplacement' && c.baseline?.id === baseline?.id && c.variants?.length > 0,
      ),
    ),
    baseline,
    ...selectExperienceVariant({ baseline, experiences, profile, selectedVariants: selected }),
    status: profile ? 'success' : failed ? 'error' : 'loading',
    loading: !profile && !failed,
    profile,
    error: failed ? error : null,
  } as OnSelectVariantCallbackArgs<Baseline, Variant>;
}

/**
 * Calls `callback` with the variant of `baseline` the visitor gets now, then after every real
 * profile change (v7's `ninetailed.onSelectVariant`, as a function); returns the unsubscribe.
 * The selection is the Experience API's (`profileState.experiences`) applied by
 * `selectExperienceVariant`'s rules; the state is v7's union (`loading`, `success`, `error`), the
 * shape of React's `useExperience()`. A known profile whose latest request failed still selects
 * from that profile (`success`). A callback that throws goes to `onError`.
 *
 * Importing it also makes the method `ninetailed.onSelectVariant` work (without it, the method
 * reports `ERR_NOT_LOADED` naming this import): an app that does not select variants pays
 * nothing for it.
 *
 * @example
 * ```ts
 * import { onSelectVariant } from '@ninetailed/experience.js';
 * const stop = onSelectVariant(ninetailed, { baseline: hero, experiences }, (state) => {
 *   if (!state.loading) render(state.variant);
 * });
 * ```
 */
export function onSelectVariant<Baseline extends Reference, Variant extends Reference>(
  ninetailed: Ninetailed,
  args: OnSelectVariantArgs<Baseline, Variant>,
  callback: (state: OnSelectVariantCallbackArgs<Baseline, Variant>) => void,
): () => void {
  return ninetailed.onProfileChange((state) => callback(selectVariantState(args, state)));
}

// Imported (through the package entry) only by apps that use it: the method form calls it.
selectHook.onSelectVariant = onSelectVariant as NonNullable<typeof selectHook.onSelectVariant>;
