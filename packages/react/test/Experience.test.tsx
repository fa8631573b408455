import { memoryStorage } from '@ninetailed/experience.js';
import { act, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Experience, type ExperienceBaseProps, NinetailedProvider } from '../src';
import {
  Card,
  type CardEntry,
  type CardProps,
  ctaExperience,
  heroExperience,
  hiddenExperience,
  isVisible,
  renders,
  selected,
  stateWith,
  wrapperOf,
} from './experienceFixtures';
import { FakeNinetailed } from './fakeNinetailed';
import { fetchDouble } from './helpers';

const experiences = [heroExperience, ctaExperience];
const NEWS = selected('news-hero', 1, { 'hero-default': 'hero-news' });

function setup(ui: ReactNode, fake = new FakeNinetailed(), onError = vi.fn()) {
  const view = render(
    <NinetailedProvider ninetailed={fake.asNinetailed} onError={onError}>
      {ui}
    </NinetailedProvider>,
  );
  return { fake, onError, ...view };
}

const loadingSeen: unknown[] = [];
function Loading(props: ExperienceBaseProps<CardProps, Partial<CardProps>, CardEntry>) {
  loadingSeen.push(props);
  return <p>loading {props.id}</p>;
}

const hero = <Experience id="hero-default" title="Welcome" component={Card} experiences={experiences} />;

beforeEach(() => {
  renders.length = 0;
});

describe('<Experience>', () => {
  it('renders the baseline invisibly while the profile is unknown, then exactly the selected variant', () => {
    const { fake, container } = setup(hero);
    const wrapper = wrapperOf(container);
    expect(screen.getByRole('heading', { hidden: true }).textContent).toBe('Welcome');
    expect(wrapper.style.visibility).toBe('hidden');
    expect(wrapper.style.display).toBe('contents');
    expect(wrapper.getAttribute('aria-hidden')).toBe('true');
    expect(wrapper.hasAttribute('inert')).toBe(true);
    expect(wrapper.hasAttribute('data-nt-experience-id')).toBe(false);
    expect(screen.queryByRole('heading')).toBeNull(); // not exposed to assistive technology

    act(() => fake.publish(stateWith([NEWS], [], ['news-readers'])));

    expect(screen.getAllByRole('heading')).toHaveLength(1);
    expect(screen.getByRole('heading').textContent).toBe('News for you');
    const shown = wrapperOf(container);
    expect(isVisible(shown)).toBe(true);
    expect(shown.style.display).toBe('contents');
    expect(shown.dataset).toMatchObject({
      ntExperienceId: 'news-hero',
      ntVariantIndex: '1',
      ntComponentId: 'hero-news',
    });
    expect(container.querySelectorAll('[data-nt-component-id]')).toHaveLength(1);
  });

  it('gives the component the variant props, passthroughProps and v7 `ninetailed` prop', () => {
    const fake = new FakeNinetailed();
    fake.publish(stateWith([NEWS], [], ['news-readers']));
    setup(
      <Experience
        id="hero-default"
        title="Welcome"
        component={Card}
        experiences={experiences}
        passthroughProps={{ tone: 'loud' }}
        trackClicks
        trackHovers
      />,
      fake,
    );
    expect(renders.at(-1)).toEqual({
      tone: 'loud',
      id: 'hero-news',
      title: 'News for you',
      ninetailed: { isPersonalized: true, audience: { id: 'news-readers' } },
    });
    expect(screen.getByRole('heading').dataset).toMatchObject({ tone: 'loud', personalized: 'true' });
  });

  it('renders the baseline (visible, no experience id) for a visitor in no experience or in the holdout', () => {
    const fake = new FakeNinetailed();
    fake.publish(stateWith([]));
    const { container } = setup(hero, fake);
    expect(screen.getByRole('heading').textContent).toBe('Welcome');
    const wrapper = wrapperOf(container);
    expect(isVisible(wrapper)).toBe(true);
    expect(wrapper.hasAttribute('data-nt-experience-id')).toBe(false);
    expect(wrapper.dataset).toMatchObject({ ntVariantIndex: '0', ntComponentId: 'hero-default' });
    expect(renders.at(-1)).toEqual({
      id: 'hero-default',
      title: 'Welcome',
      ninetailed: { isPersonalized: false, audience: { id: 'ALL_VISITORS' } },
    });
  });

  it('renders the baseline when the API selected another baseline only', () => {
    const fake = new FakeNinetailed();
    fake.publish(stateWith([selected('cta-test', 1, { 'cta-default': 'cta-bold' })]));
    setup(hero, fake);
    expect(screen.getByRole('heading').textContent).toBe('Welcome');
  });

  it('renders nothing visible for a hidden variant', () => {
    const fake = new FakeNinetailed();
    fake.publish(stateWith([selected('hide-test', 1, { 'cta-default': 'cta-none' })]));
    const { container } = setup(
      <Experience id="cta-default" title="Sign up" component={Card} experiences={[hiddenExperience]} />,
      fake,
    );
    const wrapper = wrapperOf(container);
    expect(wrapper.childNodes).toHaveLength(0);
    expect(wrapper.dataset).toMatchObject({
      ntExperienceId: 'hide-test',
      ntVariantIndex: '1',
      ntComponentId: 'cta-none',
    });
    expect(renders).toEqual([]);
  });

  it('renders a component without variants visibly at once, even while the profile is unknown', () => {
    const { container } = setup(
      <Experience id="footer" title="Footer" component={Card} experiences={experiences} />,
    );
    expect(screen.getByRole('heading').textContent).toBe('Footer');
    expect(isVisible(wrapperOf(container))).toBe(true);
  });

  it('renders the loadingComponent with the base props while the profile is unknown', () => {
    loadingSeen.length = 0;
    const { fake, container } = setup(
      <Experience
        id="hero-default"
        title="Welcome"
        component={Card}
        experiences={experiences}
        loadingComponent={Loading}
      />,
    );
    expect(screen.getByText('loading hero-default')).toBeTruthy();
    expect(isVisible(wrapperOf(container))).toBe(true);
    expect(loadingSeen[0]).toMatchObject({
      id: 'hero-default',
      title: 'Welcome',
      component: Card,
      experiences,
    });
    act(() => fake.publish(stateWith([NEWS], [], ['news-readers'])));
    expect(screen.queryByText(/loading/)).toBeNull();
    expect(screen.getByRole('heading').textContent).toBe('News for you');
  });

  it('renders the right variant on the first render when the profile is cached (never loading)', () => {
    const fake = new FakeNinetailed();
    fake.publish({ ...stateWith([NEWS], [], ['news-readers']), from: 'hydrated' });
    const { container } = setup(hero, fake);
    expect(renders.map((r) => r.title)).toEqual(['News for you']);
    expect(isVisible(wrapperOf(container))).toBe(true);
  });

  it('moves from one variant to the next without re-hiding when the profile changes', () => {
    const fake = new FakeNinetailed();
    fake.publish(stateWith([]));
    const { container } = setup(hero, fake);
    act(() => fake.publish(stateWith([NEWS], [], ['news-readers'])));
    expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual(['News for you']);
    expect(isVisible(wrapperOf(container))).toBe(true);
    expect(renders.map((r) => r.title)).toEqual(['Welcome', 'News for you']);
  });

  it('shows the baseline of an errored request without a profile at once', () => {
    const fake = new FakeNinetailed();
    fake.publish({
      status: 'error',
      profile: null,
      experiences: null,
      changes: null,
      error: new Error('[ninetailed] down'),
      from: 'api',
    });
    const { container } = setup(hero, fake);
    expect(screen.getByRole('heading').textContent).toBe('Welcome');
    expect(isVisible(wrapperOf(container))).toBe(true);
  });

  describe('timeout', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('shows the baselines after 5000 ms and reports why once to onError', () => {
      const { container, onError } = setup(
        <>
          {hero}
          <Experience id="cta-default" title="Sign up" component={Card} experiences={experiences} />
        </>,
      );
      act(() => vi.advanceTimersByTime(4999));
      expect(isVisible(wrapperOf(container, 0))).toBe(false);
      expect(isVisible(wrapperOf(container, 1))).toBe(false);
      expect(onError).not.toHaveBeenCalled();
      act(() => vi.advanceTimersByTime(1));
      expect(isVisible(wrapperOf(container, 0))).toBe(true);
      expect(isVisible(wrapperOf(container, 1))).toBe(true);
      expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual(['Welcome', 'Sign up']);
      expect(onError).toHaveBeenCalledTimes(1);
      const error = onError.mock.calls[0]?.[0] as Error & { code: string };
      expect(error.message).toMatch(
        /^\[ninetailed\] no profile after 5000 ms \(experienceTimeout\): <Experience> shows the baseline$/,
      );
      expect(error.code).toBe('ERR_EXPERIENCE_TIMEOUT');
    });

    it('follows the experienceTimeout prop, and reports nothing when the profile came in time', () => {
      const onError = vi.fn();
      const fake = new FakeNinetailed();
      const { container } = render(
        <NinetailedProvider ninetailed={fake.asNinetailed} onError={onError} experienceTimeout={300}>
          {hero}
        </NinetailedProvider>,
      );
      act(() => vi.advanceTimersByTime(200));
      act(() => fake.publish(stateWith([NEWS], [], ['news-readers'])));
      act(() => vi.advanceTimersByTime(10_000));
      expect(onError).not.toHaveBeenCalled();
      expect(screen.getByRole('heading').textContent).toBe('News for you');
      expect(isVisible(wrapperOf(container))).toBe(true);
    });

    it('with options, the core onError hears it too (one handler for everything)', () => {
      const onError = vi.fn();
      render(
        <NinetailedProvider
          clientId="demo"
          storage={memoryStorage()}
          fetch={fetchDouble().fetch}
          onError={onError}
          experienceTimeout={100}
        >
          {hero}
        </NinetailedProvider>,
      );
      act(() => vi.advanceTimersByTime(100));
      expect(onError).toHaveBeenCalledTimes(1);
      expect(screen.getByRole('heading').textContent).toBe('Welcome');
    });
  });
});

describe('<Experience> with malformed definitions (plain JS, a CMS)', () => {
  it('renders the baseline instead of throwing into the page', () => {
    const fake = new FakeNinetailed();
    fake.publish(stateWith([NEWS], [], ['news-readers']));
    const broken = [null, { id: 'x' }, { id: 'y', components: [null, { type: 'EntryReplacement' }] }];
    setup(
      <>
        <Experience id="hero-default" title="Welcome" component={Card} experiences={broken as never} />
        <Experience id="hero-default" title="Again" component={Card} experiences={undefined as never} />
      </>,
      fake,
    );
    expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual(['Welcome', 'Again']);
  });
});
