import type { ExperienceConfiguration, SelectedVariantInfo } from '@ninetailed/experience.js';
import { makeProfile, successState } from './fakeNinetailed';

/** The props of the demo hero and CTA components. */
export interface CardProps {
  title: string;
  tone?: string;
  ninetailed?: { isPersonalized: boolean; audience: { id: string } };
}

/** A variant entry as a CMS mapper gives it: its id and the component's props. */
export type CardEntry = { id: string; title: string };

/** Every render of {@link Card}: the props it got. */
export const renders: Array<CardProps & { id?: string }> = [];

/** The demo component: one `<h2>` (a real box, so it can be observed). */
export function Card(props: CardProps & { id?: string }) {
  renders.push(props);
  return (
    <h2 data-tone={props.tone} data-personalized={String(props.ninetailed?.isPersonalized)}>
      {props.title}
    </h2>
  );
}

/** The demo configuration's two experiences (contract), with full variant entries. */
export const heroExperience: ExperienceConfiguration<CardEntry> = {
  id: 'news-hero',
  type: 'nt_personalization',
  name: 'Hero for news readers',
  audience: { id: 'news-readers' },
  trafficAllocation: 1,
  distribution: [
    { index: 0, start: 0, end: 0 },
    { index: 1, start: 0, end: 1 },
  ],
  sticky: false,
  components: [
    {
      type: 'EntryReplacement',
      baseline: { id: 'hero-default' },
      variants: [{ id: 'hero-news', title: 'News for you' }],
    },
  ],
};

export const ctaExperience: ExperienceConfiguration<CardEntry> = {
  id: 'cta-test',
  type: 'nt_experiment',
  name: 'Call to action copy',
  trafficAllocation: 1,
  distribution: [
    { index: 0, start: 0, end: 0.5 },
    { index: 1, start: 0.5, end: 1 },
  ],
  sticky: true,
  components: [
    {
      type: 'EntryReplacement',
      baseline: { id: 'cta-default' },
      variants: [{ id: 'cta-bold', title: 'Start now' }],
    },
    {
      type: 'InlineVariable',
      key: 'cta-color',
      valueType: 'String',
      baseline: { value: 'blue' },
      variants: [{ value: 'green' }],
    },
  ],
};

/** An experience whose variant hides the component. */
export const hiddenExperience: ExperienceConfiguration<CardEntry> = {
  ...ctaExperience,
  id: 'hide-test',
  components: [
    {
      type: 'EntryReplacement',
      baseline: { id: 'cta-default' },
      variants: [{ id: 'cta-none', hidden: true }],
    },
  ],
};

/** What the API answers for a visitor in `experienceId` with `variantIndex`. */
export function selected(
  experienceId: string,
  variantIndex: number,
  variants: Record<string, string>,
  sticky = false,
): SelectedVariantInfo {
  return { experienceId, variantIndex, variants, sticky };
}

/** A success state with the API's `experiences` and `changes`. */
export function stateWith(
  experiences: SelectedVariantInfo[],
  changes: ReturnType<typeof successState>['changes'] = [],
  audiences: string[] = [],
) {
  return { ...successState(makeProfile({ audiences })), experiences, changes };
}

/** The wrapper `<Experience>` rendered around its component (`data-nt-component-id`). */
export function wrapperOf(container: HTMLElement, index = 0): HTMLElement {
  const found = container.querySelectorAll<HTMLElement>('[data-nt-component-id]')[index];
  if (!found) throw new Error('[test] no <Experience> wrapper rendered');
  return found;
}

/** Whether the wrapper shows its content (not the invisible loading state). */
export function isVisible(wrapper: HTMLElement): boolean {
  return (
    wrapper.style.visibility !== 'hidden' &&
    !wrapper.hasAttribute('aria-hidden') &&
    !wrapper.hasAttribute('inert')
  );
}
