import { Experience, type ExperienceComponent } from '@ninetailed/experience.js-react';
import { type HeroEntry, hero } from '../experiences';

type HeroContent = Omit<HeroEntry, 'id'>;

const HeroBanner: ExperienceComponent<HeroContent> = ({ title, body, ninetailed }) => (
  <section className="hero" data-testid="hero">
    <h2>{title}</h2>
    <p>{body}</p>
    <small>
      {ninetailed?.isPersonalized ? `Personalized for ${ninetailed.audience.id}` : 'Shown to every visitor'}
    </small>
  </section>
);

/**
 * The home page hero: `hero-default` for everyone, `hero-news` once the visitor is in the
 * `news-readers` audience (experience `news-hero`).
 */
export function Hero() {
  return <Experience {...hero.baseline} component={HeroBanner} experiences={hero.experiences} />;
}
