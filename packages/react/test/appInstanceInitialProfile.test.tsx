import {
  memoryStorage,
  Ninetailed,
  type NinetailedOptions,
  type ProfileResponseData,
} from '@ninetailed/experience.js';
import { act } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Experience, NinetailedProvider, type NinetailedProviderProps, useProfile } from '../src';
import { Card, heroExperience, isVisible, selected, wrapperOf } from './experienceFixtures';
import { makeProfile } from './fakeNinetailed';
import { fetchDouble } from './helpers';

// A server fetched the visitor's profile for the page (`initialProfile`). Whether the provider
// makes the instance (`<NinetailedProvider clientId initialProfile>`) or the app does
// (`new Ninetailed({ clientId, url, initialProfile })`, then `<NinetailedProvider ninetailed>`),
// the server HTML and the first client render show the visitor's variant: no loading state,
// no hydration mismatch, no swap.

const initialProfile: ProfileResponseData = {
  profile: makeProfile({ id: '3b241101-e2bb-4255-8caf-4136c566a962', audiences: ['news-readers'] }),
  experiences: [selected('news-hero', 1, { 'hero-default': 'hero-news' })],
  changes: [],
};
const url = 'http://127.0.0.1:9';

/** Every render's `useProfile().status`, in order. */
const statuses: string[] = [];
function Status() {
  const { status, from } = useProfile();
  statuses.push(status);
  return <p>{`${status} ${from}`}</p>;
}

function App(props: NinetailedProviderProps) {
  return (
    <NinetailedProvider {...props}>
      <Experience id="hero-default" title="Welcome" component={Card} experiences={[heroExperience]} />
      <Status />
    </NinetailedProvider>
  );
}

/** Runs `make` as on a server: no `window`, so the core is in its server mode (nothing stored). */
function onServer<T>(make: () => T): T {
  vi.stubGlobal('window', undefined);
  try {
    return make();
  } finally {
    vi.unstubAllGlobals();
  }
}

type Seams = Pick<NinetailedOptions, 'storage' | 'fetch'>;

/** The two ways to give the provider a server-fetched profile, on one side (server or client). */
const forms: Array<[string, (seams?: Seams) => NinetailedProviderProps]> = [
  [
    'an instance the app made: new Ninetailed({ clientId, url, initialProfile })',
    (seams) => ({ ninetailed: new Ninetailed({ clientId: 'demo', url, initialProfile, ...seams }) }),
  ],
  [
    'the provider’s own instance: <NinetailedProvider clientId initialProfile>',
    (seams) => ({ clientId: 'demo', url, initialProfile, ...seams }),
  ],
];

describe('initialProfile, rendered on the server and then hydrated', () => {
  let container: HTMLElement;
  const recoverable: unknown[] = [];
  let consoleError: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    recoverable.length = 0;
    statuses.length = 0;
    consoleError = vi.spyOn(console, 'error');
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => {
    container.remove();
    localStorage.clear();
    // biome-ignore lint/suspicious/noDocumentCookie: removing the cookie the SDK wrote, as a browser would.
    document.cookie = 'ntaid=; Path=/; Max-Age=0';
  });

  describe.each(forms)('%s', (_, propsFor) => {
    it('shows the variant in the server HTML and on the first client render, with no mismatch', async () => {
      const html = onServer(() => renderToString(<App {...propsFor()} />));
      expect(html).toContain('News for you');
      expect(html).toContain('data-nt-variant-index="1"');
      expect(html).not.toContain('visibility');
      expect(html).toContain('success hydrated');
      expect(statuses).toEqual(['success']);

      container.innerHTML = html;
      const serverHero = container.querySelector('h2');
      statuses.length = 0;
      // The browser: nothing may be sent (no page event is asked for).
      const io = fetchDouble();
      const props = propsFor({ storage: memoryStorage(), fetch: io.fetch });
      const root = await act(async () =>
        hydrateRoot(container, <App {...props} />, {
          onRecoverableError: (error) => recoverable.push(error),
        }),
      );

      expect(recoverable).toEqual([]);
      expect(consoleError).not.toHaveBeenCalled();
      // Never a loading render in the browser: the first one already had the profile.
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((status) => status === 'success')).toBe(true);
      // The server's element, hydrated in place (not replaced), visible, with the variant.
      expect(container.querySelector('h2')).toBe(serverHero);
      expect(container.querySelector('h2')?.textContent).toBe('News for you');
      expect(isVisible(wrapperOf(container))).toBe(true);
      expect(container.innerHTML).toBe(html);
      io.verify();
      act(() => root.unmount());
    });
  });

  it('an instance the app made without initialProfile hydrates its cached profile after the server’s loading state', async () => {
    // A returning visitor: the browser's storage holds the profile of an earlier page, which the
    // server could not know. The core reports it as `from: 'hydrated'` too, and it must not be
    // taken for a server-fetched profile.
    const html = onServer(() =>
      renderToString(<App ninetailed={new Ninetailed({ clientId: 'demo', url })} />),
    );
    expect(html).toContain('visibility:hidden');
    expect(html).toContain('loading api');

    container.innerHTML = html;
    statuses.length = 0;
    const storage = memoryStorage();
    // The core's storage keys (v7's) of the id, the profile, its experiences and changes.
    const stored = {
      __nt_anonymous_id__: initialProfile.profile.id,
      __nt_profile__: initialProfile.profile,
      __nt_experiences__: initialProfile.experiences,
      __nt_changes__: [],
    };
    for (const [key, value] of Object.entries(stored)) storage.setItem(key, JSON.stringify(value));
    const ninetailed = new Ninetailed({ clientId: 'demo', url, storage, fetch: fetchDouble().fetch });
    expect(ninetailed.profileState).toMatchObject({ status: 'success', from: 'hydrated' });

    const root = await act(async () =>
      hydrateRoot(container, <App ninetailed={ninetailed} />, {
        onRecoverableError: (error) => recoverable.push(error),
      }),
    );
    expect(recoverable).toEqual([]);
    expect(consoleError).not.toHaveBeenCalled();
    // Hydration rendered what the server did, then the cached profile right after.
    expect(statuses[0]).toBe('loading');
    expect(statuses.at(-1)).toBe('success');
    expect(container.querySelector('h2')?.textContent).toBe('News for you');
    expect(isVisible(wrapperOf(container))).toBe(true);
    act(() => root.unmount());
  });
});
