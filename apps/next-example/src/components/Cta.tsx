'use client';
import { Experience, type ExperienceComponent, useFlag } from '@ninetailed/experience.js-next';
import { type CtaEntry, cta } from '../lib/experiences';

/** The colours the `cta-color` inline variable may name. */
const COLORS: Record<string, string> = { blue: '#1d4ed8', green: '#15803d' };

const CtaBox: ExperienceComponent<Omit<CtaEntry, 'id'>> = ({ headline, label }) => {
  // The experiment's InlineVariable: `blue` (baseline) or `green` (variant), from `changes`.
  const { value: color } = useFlag('cta-color', 'blue');
  return (
    <section className="cta" data-testid="cta">
      <p>{headline}</p>
      {/* A plain link: the sign-up page is in the App Router, this CTA is on pages of both. */}
      <a
        href="/signup"
        className="cta-button"
        data-color={color}
        style={{ background: COLORS[color] ?? color }}
      >
        {label}
      </a>
    </section>
  );
};

/**
 * The call to action of the 50/50 experiment `cta-test` (everyone, sticky): `cta-default` or
 * `cta-bold`, coloured by the experiment's `cta-color` variable.
 */
export function Cta() {
  return <Experience {...cta.baseline} component={CtaBox} experiences={cta.experiences} />;
}
