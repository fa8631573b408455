import {
  type ComponentView,
  memoryStorage,
  Ninetailed,
  type ProfileResponseData,
  type SelectedVariantInfo,
} from '@ninetailed/experience.js';
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Experience, NinetailedProvider, useNinetailed } from '../src';
import {
  Card,
  ctaExperience,
  heroExperience,
  isVisible,
  renders,
  selected,
  wrapperOf,
} from './experienceFixtures';
import { makeProfile } from './fakeNinetailed';
import { type ExpectedRequest, fetchDouble } from './helpers';

// Every observeElement call the binding makes (and every unobserve), passed on to the real one.
const spy = vi.hoisted(() => ({ observed: [] as unknown[][], stopped: [] as Element[] }));
vi.mock('@ninetailed/experience.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@ninetailed/experience.js')>();
  return {
    ...actual,
    observeElement: (...args: Parameters<typeof actual.observeElement>) => {
      spy.observed.push(args);
      const stop = actual.observeElement(...args);
      return () => {
        spy.stopped.push(args[1]);
        stop();
      };
    },
  };
});

/** A stand-in IntersectionObserver (jsdom has none): the test says what is visible. */
class FakeIntersectionObserver {
  static instances: FakeIntersectionObserver[] = [];
  readonly targets = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.instances.push(this);
  }
  observe(target: Element) {
    this.targets.add(target);
  }
  unobserve(target: Element) {
    this.targets.delete(target);
  }
  disconnect() {
    this.targets.clear();
  }
  show(target: Element) {
    const entry = {
      target,
      isIntersecting: true,
      intersectionRatio: 1,
    } as unknown as IntersectionObserverEntry;
    this.callback([entry], this as unknown as IntersectionObserver);
  }
}

const URL = 'http://127.0.0.1:9';
const PROFILES = `${URL}/v2/organizations/demo/environments/main/profiles`;
const experiences = [heroExperience, ctaExperience];
const NEWS = selected('news-hero', 1, { 'hero-default': 'hero-news' });
const BOLD = selected('cta-test', 1, { 'cta-default': 'cta-bold' }, true);

function answer(selection: SelectedVariantInfo[], audiences: string[] = []): { data: ProfileResponseData } {
  return { data: { profile: makeProfile({ audiences }), experiences: selection, changes: [] } };
}

/** A storage that already holds the profile of a returning visitor (the core's cache keys). */
function cachedStorage(selection: SelectedVariantInfo[], audiences: string[] = []) {
  const storage = memoryStorage();
  storage.setItem('__nt_anonymous_id__', JSON.stringify('p-1'));
  storage.setItem('__nt_profile__', JSON.stringify(makeProfile({ audiences })));
  storage.setItem('__nt_experiences__', JSON.stringify(selection));
  storage.setItem('__nt_changes__', '[]');
  return storage;
}

function PageButton() {
  const { page } = useNinetailed();
  return (
    <button type="button" onClick={() => void page()}>
      page
    </button>
  );
}

function setup(expected: ExpectedRequest[], storage = memoryStorage()) {
  const io = fetchDouble(expected);
  const views: ComponentView[] = [];
  const ninetailed = new Ninetailed({
    clientId: 'demo',
    url: URL,
    fetch: io.fetch,
    storage,
    // Insights (the core's own view reports) is the core's to test; here: the binding's views.
    insights: false,
    plugins: [{ name: 'views', onComponentView: (view) => void views.push(view) }],
  });
  const view = render(
    <NinetailedProvider ninetailed={ninetailed}>
      <Experience id="hero-default" title="Welcome" component={Card} experiences={experiences} />
      <Experience id="cta-default" title="Sign up" component={Card} experiences={experiences} />
      <PageButton />
    </NinetailedProvider>,
  );
  return { io, ninetailed, views, ...view };
}

beforeEach(() => {
  renders.length = 0;
  spy.observed.length = 0;
  spy.stopped.length = 0;
  FakeIntersectionObserver.instances = [];
});

describe('<Experience> with the real core', () => {
  it('shows the variants the API selected once the first answer is in, one visible component each', async () => {
    const { io, container } = setup([{ url: PROFILES, answer: answer([NEWS, BOLD], ['news-readers']) }]);
    expect(isVisible(wrapperOf(container, 0))).toBe(false);
    expect(isVisible(wrapperOf(container, 1))).toBe(false);
    await act(async () => screen.getByRole('button').click());
    await screen.findByText('News for you');
    expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual(['News for you', 'Start now']);
    expect(isVisible(wrapperOf(container, 0))).toBe(true);
    expect(isVisible(wrapperOf(container, 1))).toBe(true);
    // Only baselines were ever rendered before the variants (invisibly): no third thing shown.
    expect(new Set(renders.map((r) => r.title))).toEqual(
      new Set(['Welcome', 'Sign up', 'News for you', 'Start now']),
    );
    io.verify();
  });

  it('shows the baseline to a visitor in the holdout (no experience selected)', async () => {
    const { io } = setup([{ url: PROFILES, answer: answer([]) }]);
    await act(async () => screen.getByRole('button').click());
    await screen.findByText('Welcome');
    expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual(['Welcome', 'Sign up']);
    io.verify();
  });

  it('renders a returning visitor’s variants on the first render, from the cached profile', () => {
    const { io } = setup([], cachedStorage([NEWS, BOLD], ['news-readers']));
    expect(renders.map((r) => r.title)).toEqual(['News for you', 'Start now']);
    io.verify();
  });

  describe('views', () => {
    beforeEach(() => {
      vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('observes the element each variant renders, with the experience’s payload', () => {
      const { ninetailed, unmount } = setup([], cachedStorage([NEWS, BOLD], ['news-readers']));
      const [hero, cta] = screen.getAllByRole('heading');
      expect(spy.observed).toEqual([
        [
          ninetailed,
          hero,
          {
            experienceId: 'news-hero',
            variantIndex: 1,
            componentId: 'hero-news',
            componentType: 'Entry',
            sticky: false,
          },
        ],
        [
          ninetailed,
          cta,
          {
            experienceId: 'cta-test',
            variantIndex: 1,
            componentId: 'cta-bold',
            componentType: 'Entry',
            sticky: true,
          },
        ],
      ]);
      expect(FakeIntersectionObserver.instances).toHaveLength(1);
      expect([...(FakeIntersectionObserver.instances[0]?.targets ?? [])]).toEqual([hero, cta]);
      unmount();
      expect(spy.stopped).toEqual([hero, cta]);
      expect(FakeIntersectionObserver.instances[0]?.targets.size).toBe(0);
    });

    it('does not observe the invisible baseline; observes the variant once it shows', async () => {
      const { io } = setup([{ url: PROFILES, answer: answer([NEWS], ['news-readers']) }]);
      expect(spy.observed).toEqual([]);
      await act(async () => {
        screen.getByRole('button').click();
        await vi.advanceTimersByTimeAsync(0);
      });
      const payloads = spy.observed.map((call) => call[2]);
      expect(payloads).toEqual([
        {
          experienceId: 'news-hero',
          variantIndex: 1,
          componentId: 'hero-news',
          componentType: 'Entry',
          sticky: false,
        },
        // A baseline outside every experience: viewed, without an experience id.
        { variantIndex: 0, componentId: 'cta-default', componentType: 'Entry' },
      ]);
      io.verify();
    });

    it('stops observing the old variant when the variant changes', async () => {
      const { io } = setup(
        [{ url: `${PROFILES}/p-1`, answer: answer([], []) }],
        cachedStorage([NEWS], ['news-readers']),
      );
      const hero = screen.getAllByRole('heading')[0];
      expect(hero?.textContent).toBe('News for you');
      await act(async () => {
        screen.getByRole('button').click();
        await vi.advanceTimersByTimeAsync(0);
      });
      expect(screen.getAllByRole('heading')[0]?.textContent).toBe('Welcome');
      expect(spy.stopped).toContain(hero);
      expect(spy.observed.at(-1)?.[2]).toEqual({
        variantIndex: 0,
        componentId: 'hero-default',
        componentType: 'Entry',
      });
      io.verify();
    });

    it('counts a view after 2000 ms visible and sends a component event for a sticky experience', async () => {
      const { io, views } = setup(
        [
          {
            url: `${PROFILES}/p-1`,
            check: ({ events }) => {
              expect(events).toMatchObject([
                {
                  type: 'component',
                  componentType: 'Entry',
                  componentId: 'cta-bold',
                  experienceId: 'cta-test',
                  variantIndex: 1,
                },
              ]);
            },
            answer: answer([NEWS, BOLD], ['news-readers']),
          },
        ],
        cachedStorage([NEWS, BOLD], ['news-readers']),
      );
      const observer = FakeIntersectionObserver.instances[0];
      const [hero, cta] = screen.getAllByRole('heading');
      act(() => {
        observer?.show(hero as Element);
        observer?.show(cta as Element);
      });
      await act(() => vi.advanceTimersByTimeAsync(1999));
      expect(views).toEqual([]);
      await act(() => vi.advanceTimersByTimeAsync(1));
      expect(views.map((v) => [v.componentId, v.experienceId, v.variantIndex])).toEqual([
        ['hero-news', 'news-hero', 1],
        ['cta-bold', 'cta-test', 1],
      ]);
      await act(() => vi.advanceTimersByTimeAsync(0));
      io.verify();
    });
  });
});
