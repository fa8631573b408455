import type { ExperienceConfiguration, Reference } from '@ninetailed/experience.js-gatsby';
// The definitions (ids, audience, traffic, distribution, sticky) are the local Experience API's own
// configuration: one source of truth, so the API and this page can never disagree about an id.
// A real site gets them from its CMS instead (for Contentful: `mapExperience` of each entry).
import demo from '../../../experience-api/config/demo.json';

/** A hero entry of the "CMS": the baseline `hero-default` and the variant `hero-news`. */
export interface HeroEntry extends Reference {
  title: string;
  body: string;
}

/** A call-to-action entry: the baseline `cta-default` and the variant `cta-bold`. */
export interface CtaEntry extends Reference {
  headline: string;
  label: string;
}

/** The entries' content, by entry id: what a CMS holds beside the experience definitions. */
const content: Record<string, Omit<HeroEntry, 'id'> | Omit<CtaEntry, 'id'>> = {
  'hero-default': {
    title: 'Personalization without the flicker',
    body: 'This hero is the baseline of the news-hero personalization. Read three news posts and it changes for you.',
  },
  'hero-news': {
    title: 'Welcome back, news reader',
    body: 'You read three news posts, so you joined the news-readers audience: this is the hero-news variant.',
  },
  'cta-default': { headline: 'Get the weekly digest.', label: 'Sign up' },
  'cta-bold': { headline: 'Never miss a story: the digest is free.', label: 'Sign up now, it is free' },
};

// The demo organisation's `main` environment (the client id and environment this app uses by default).
const configured = demo.organizations.demo.environments.main.experiences as ExperienceConfiguration[];

function entry<E extends Reference>(id: string): E {
  const found = content[id];
  if (!found) throw new Error(`[gatsby-example] no content for entry "${id}" (named in config/demo.json)`);
  return { ...found, id } as unknown as E;
}

/**
 * The baseline of the experience `experienceId` (its first `EntryReplacement`) and every
 * configured experience with a variant of that baseline, in the configuration's order, each
 * variant carrying its entry's content (the shape `<Experience>` renders).
 */
function experiencesOf<E extends Reference>(
  experienceId: string,
): { baseline: E; experiences: ExperienceConfiguration<E>[] } {
  const replacementOf = (experience: ExperienceConfiguration) =>
    experience.components.find((component) => component.type === 'EntryReplacement');
  const own = configured.find((experience) => experience.id === experienceId);
  const baselineId = own && replacementOf(own)?.baseline.id;
  if (!baselineId) throw new Error(`[gatsby-example] no experience "${experienceId}" in config/demo.json`);
  const experiences = configured
    .filter((experience) => replacementOf(experience)?.baseline.id === baselineId)
    .map((experience) => ({
      ...experience,
      components: experience.components.map((component) =>
        component.type === 'EntryReplacement'
          ? {
              ...component,
              // A hidden variant renders nothing: it needs no content.
              variants: component.variants.map((variant) =>
                'hidden' in variant && variant.hidden ? variant : { ...entry<E>(variant.id), ...variant },
              ),
            }
          : component,
      ),
    }));
  return { baseline: entry<E>(baselineId), experiences };
}

/** The home page hero: personalization `news-hero` (audience `news-readers`). */
export const hero = experiencesOf<HeroEntry>('news-hero');

/** The call to action: experiment `cta-test` (50/50, everyone, sticky), colour from `cta-color`. */
export const cta = experiencesOf<CtaEntry>('cta-test');
