import { type ComponentType, type ReactElement, type ReactNode, useEffect } from 'react';
// The experience definitions are the local Experience API's own (`news-hero`: baseline
// `hero-default`, variant `hero-news` for the audience `news-readers`), as apps/next-example does.
import demo from '../../../apps/experience-api/config/demo.json';

/** The hero's titles: the probe tells the baseline from the variant by them. */
export const HERO_TITLES = {
  baseline: 'Personalization without the flicker',
  variant: 'Welcome back, news reader',
} as const;

/** A hero entry: what `<Experience>` gives the component (the baseline's or the variant's props). */
interface HeroEntry {
  id: string;
  title: string;
  body: string;
}

const content: Record<string, Omit<HeroEntry, 'id'>> = {
  'hero-default': {
    title: HERO_TITLES.baseline,
    body: 'The baseline of the news-hero personalization.',
  },
  'hero-news': {
    title: HERO_TITLES.variant,
    body: 'You read three news posts: this is the hero-news variant for the news-readers audience.',
  },
};

interface Replacement {
  type: string;
  baseline: { id: string };
  variants: { id: string; hidden?: boolean }[];
}

/** `news-hero` from config/demo.json, each variant carrying its entry's content. */
export const HERO_EXPERIENCES = demo.organizations.demo.environments.main.experiences
  .filter((experience) => experience.id === 'news-hero')
  .map((experience) => ({
    ...experience,
    components: (experience.components as Replacement[]).map((component) => ({
      ...component,
      variants: component.variants.map((variant) => ({ ...content[variant.id], ...variant })),
    })),
  }));

/** The SDK binding the app renders with: ours or v7, the same component code. */
export interface HeroBinding {
  Provider: ComponentType<Record<string, unknown> & { children?: ReactNode }>;
  Experience: ComponentType<Record<string, unknown>>;
  useNinetailed(): { page: () => Promise<unknown> };
}

/** What the app reports to the probe: when its first effect ran (hydration or first mount done). */
declare global {
  interface Window {
    __heroApp?: { mountedAt: number };
  }
}

function HeroBanner({ title, body }: { title: string; body: string }) {
  return (
    <section className="hero" data-testid="hero">
      {/* Element Timing (Chromium): when this title's text is painted. */}
      <h1 {...{ elementtiming: 'hero-title' }}>{title}</h1>
      <p>{body}</p>
    </section>
  );
}

function PageView({ binding }: { binding: HeroBinding }) {
  const { page } = binding.useNinetailed();
  useEffect(() => {
    if (typeof window !== 'undefined') window.__heroApp = { mountedAt: performance.now() };
    // The app's page view on load (the SSR page's preflight stored nothing: this is the event).
    page().catch(() => {});
  }, [page]);
  return null;
}

/**
 * The benchmarked app: a page with a hero `<Experience>` (`news-hero`) under the binding's
 * provider, and a page view on mount. The same code renders on the server (ours SSR, with
 * `initialProfile` in `providerProps`) and in the browser (all three variants).
 *
 * @example
 * ```tsx
 * renderToString(<HeroApp binding={ours} providerProps={{ clientId: 'demo', url, initialProfile }} />);
 * ```
 */
export function HeroApp({
  binding,
  providerProps,
}: {
  binding: HeroBinding;
  providerProps: Record<string, unknown>;
}): ReactElement {
  const { Provider, Experience } = binding;
  const baseline = { id: 'hero-default', ...content['hero-default'] };
  return (
    <Provider {...providerProps}>
      <main>
        <Experience {...baseline} component={HeroBanner} experiences={HERO_EXPERIENCES} />
        <p>The rest of the page.</p>
      </main>
      <PageView binding={binding} />
    </Provider>
  );
}
