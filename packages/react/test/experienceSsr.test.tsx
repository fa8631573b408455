// @vitest-environment node
import { memoryStorage } from '@ninetailed/experience.js';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Experience, MergeTag, NinetailedProvider, useFlag } from '../src';
import { Card, ctaExperience, heroExperience } from './experienceFixtures';
import { fetchDouble } from './helpers';

function Cta() {
  const { status, value } = useFlag('cta-color', 'blue');
  return <span>{`${status}:${value}`}</span>;
}

function Page() {
  return (
    <NinetailedProvider clientId="demo" fetch={fetchDouble().fetch} storage={memoryStorage()}>
      <Experience
        id="hero-default"
        title="Welcome"
        component={Card}
        experiences={[heroExperience, ctaExperience]}
      />
      <Experience id="footer" title="Footer" component={Card} experiences={[heroExperience]} />
      <Cta />
      <p>
        Hi <MergeTag id="traits.first_name" fallback="there" />
      </p>
    </NinetailedProvider>
  );
}

describe('server rendering of experiences (no window)', () => {
  it('renders the baseline invisibly for a component with variants, visibly without, deterministically', () => {
    expect(typeof window).toBe('undefined');
    const html = renderToString(<Page />);
    expect(html).toBe(
      '<div style="display:contents;visibility:hidden" aria-hidden="true" inert="" data-nt-variant-index="0" data-nt-component-id="hero-default">' +
        '<h2 data-personalized="false">Welcome</h2></div>' +
        '<div style="display:contents" data-nt-variant-index="0" data-nt-component-id="footer">' +
        '<h2 data-personalized="false">Footer</h2></div>' +
        '<span>loading:blue</span><p>Hi </p>',
    );
    expect(renderToString(<Page />)).toBe(html);
  });
});
