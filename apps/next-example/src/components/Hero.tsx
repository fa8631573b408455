'use client';
import { Experience, type ExperienceComponent } from '@ninetailed/experience.js-next';
import { type HeroEntry, hero } from '../lib/experiences';

const HeroBanner: ExperienceComponent<Omit<HeroEntry, 'id'>> = ({ title, body, ninetailed }) => (
  <section className="hero" data-testid="hero">
    <h2>{title}</h2>
    <p>{body}</p>
    <small>
      {ninetailed?.isPersonalized ? `Personalized for ${ninetailed.audience.id}` : 'Shown to every visitor'}
    </small>
  </section>
);

/**
 * The hero of the home pages (both routers): `hero-default` for everyone, `hero-news` once the
 * visitor is in the `news-readers` audience (experience `news-hero`). A client component: the
 * server renders the baseline invisibly (the profile is known only in the browser).
 */
export function Hero() {
  return <Experience {...hero.baseline} component={HeroBanner} experiences={hero.experiences} />;
}
