// v7 code (7.26.0) that uses the instance members `onSelectVariant`, `trackHasSeenComponent`,
// `trackVariableComponentView` (both deprecated in v7) and `eventBuilder`, unchanged.
import type { ExperienceConfiguration, Ninetailed } from '@ninetailed/experience.js';

type Hero = { id: string; title: string };

/**
 * v7's `onSelectVariant({ baseline, experiences }, cb)`: records what the callback gets, returns
 * the unsubscribe.
 *
 * @example
 * const off = selectHero(ninetailed, hero, [], (line) => console.log(line));
 */
export function selectHero(
  ninetailed: Ninetailed,
  baseline: Hero,
  experiences: ExperienceConfiguration<Hero>[],
  log: (line: string) => void,
): () => void {
  return ninetailed.onSelectVariant<Hero, Hero>({ baseline, experiences }, (state) => {
    if (state.status === 'success') {
      log(`success ${state.profile.id} ${state.variant.id} ${state.variantIndex} ${state.isPersonalized}`);
    } else if (state.status === 'error') {
      log(`error ${state.error.message}`);
    } else {
      log(`loading ${state.loading} ${state.variant.title}`);
    }
  });
}

/**
 * v7's deprecated view calls, as a v7 app made them (`Promise<void>`).
 *
 * @example
 * await legacyViews(ninetailed);
 */
export async function legacyViews(ninetailed: Ninetailed): Promise<void> {
  const hasSeen: (properties: {
    variant: { id: string };
    audience: { id: string };
    isPersonalized: boolean;
  }) => Promise<void> = ninetailed.trackHasSeenComponent;
  await hasSeen({ variant: { id: 'hero-news' }, audience: { id: 'ALL_VISITORS' }, isPersonalized: true });
  await ninetailed.trackVariableComponentView({
    variant: { id: 'Variable-cta-color' },
    variantIndex: 1,
    experienceId: 'cta-test',
    variable: 'green',
  });
}

/**
 * v7's event builder feeding `batch`, as a v7 app wrote it (refused: reading it reports a
 * `[ninetailed]` error, then the call fails).
 *
 * @example
 * await builtBatch(ninetailed);
 */
export async function builtBatch(ninetailed: Ninetailed): Promise<boolean> {
  const { eventBuilder } = ninetailed;
  const result = await ninetailed.batch([
    eventBuilder.page({ category: 'news' }),
    eventBuilder.track('signup', { plan: 'pro' }, { messageId: 'm-1', timestamp: Date.now() }),
    eventBuilder.identify('', { favoriteColor: 'red' }),
  ]);
  return result.success;
}
