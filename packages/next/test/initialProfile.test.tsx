import type { ExperienceConfiguration, ProfileResponseData } from '@ninetailed/experience.js';
import { act } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Experience, NinetailedProvider, useProfile } from '../src';

// The provider's initialProfile: the server render and the first client render (hydration)
// already show the visitor's variant; no loading state, no mismatch, no swap.

const experiences: ExperienceConfiguration<{ id: string; title: string }>[] = [
  {
    id: 'news-hero',
    type: 'nt_personalization',
    audience: { id: 'news-readers' },
    trafficAllocation: 1,
    distribution: [
      { index: 0, start: 0, end: 0 },
      { index: 1, start: 0, end: 1 },
    ],
    components: [
      {
        type: 'EntryReplacement',
        baseline: { id: 'hero-default' },
        variants: [{ id: 'hero-news', title: 'Welcome back, news reader' }],
      },
    ],
  },
];

const initialProfile: ProfileResponseData = {
  profile: {
    id: '3b241101-e2bb-4255-8caf-4136c566a962',
    stableId: 's',
    random: 0.5,
    audiences: ['news-readers'],
    traits: {},
    location: {},
    session: {
      id: 's1',
      isReturningVisitor: true,
      landingPage: { path: '/', url: 'http://localhost/', query: {}, referrer: '', search: '' },
      count: 2,
      activeSessionLength: 0,
      averageSessionLength: 0,
    },
  },
  experiences: [{ experienceId: 'news-hero', variantIndex: 1, variants: { 'hero-default': 'hero-news' } }],
  changes: [],
};

const Hero = ({ title }: { title: string }) => <h1>{title}</h1>;
const Status = () => <p data-testid="status">{useProfile().from}</p>;

const App = ({ initial }: { initial?: ProfileResponseData }) => (
  <NinetailedProvider
    clientId="demo"
    url="http://127.0.0.1:9"
    // Hears nothing: the page event would go to a closed port (it is not the point here).
    fetch={() => new Promise(() => {})}
    initialProfile={initial}
    onError={() => {}}
  >
    <Experience id="hero-default" title="Welcome" component={Hero} experiences={experiences} />
    <Status />
  </NinetailedProvider>
);

afterEach(() => {
  localStorage.clear();
  // biome-ignore lint/suspicious/noDocumentCookie: removing the cookie the SDK wrote, as a browser would.
  document.cookie = 'ntaid=; Path=/; Max-Age=0';
  document.body.innerHTML = '';
});

describe('initialProfile', () => {
  it('renders the variant in the server HTML, visible, and hydrates without a mismatch or a swap', async () => {
    // The server: its own instance (no window there in real life; here the same markup).
    const html = renderToString(<App initial={initialProfile} />);
    expect(html).toContain('Welcome back, news reader');
    expect(html).toContain('data-nt-variant-index="1"');
    expect(html).not.toContain('visibility');
    expect(html).toContain('hydrated');

    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const serverHero = container.querySelector('h1');
    const recoverable = vi.fn();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await act(async () => {
      hydrateRoot(container, <App initial={initialProfile} />, { onRecoverableError: recoverable });
    });
    expect(recoverable).not.toHaveBeenCalled();
    expect(errors.mock.calls.filter((call) => /hydrat|did not match/i.test(String(call[0])))).toEqual([]);
    // The same element: hydrated, not replaced.
    expect(container.querySelector('h1')).toBe(serverHero);
    expect(container.querySelector('[data-nt-variant-index]')?.getAttribute('data-nt-variant-index')).toBe(
      '1',
    );
    // The browser adopted the server's profile id and mirrored it in the cookie.
    expect(JSON.parse(localStorage.getItem('__nt_anonymous_id__')!)).toBe(initialProfile.profile.id);
  });

  it('without it, the server renders the baseline invisibly (the browser selects)', () => {
    const html = renderToString(<App />);
    expect(html).toContain('Welcome');
    expect(html).toContain('visibility:hidden');
    expect(html).toContain('data-nt-variant-index="0"');
  });
});
