import { act } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Experience, MergeTag, type Ninetailed, NinetailedProvider, useFlag } from '../src';
import {
  Card,
  ctaExperience,
  heroExperience,
  isVisible,
  selected,
  stateWith,
  wrapperOf,
} from './experienceFixtures';
import { FakeNinetailed, makeProfile } from './fakeNinetailed';

function Cta() {
  return <span>{useFlag('cta-color', 'blue').value}</span>;
}

function App({ ninetailed }: { ninetailed: Ninetailed }) {
  return (
    <NinetailedProvider ninetailed={ninetailed}>
      <Experience
        id="hero-default"
        title="Welcome"
        component={Card}
        experiences={[heroExperience, ctaExperience]}
      />
      <Cta />
      <MergeTag id="traits.first_name" fallback="there" />
    </NinetailedProvider>
  );
}

describe('<Experience> rendered on the server, then hydrated', () => {
  let container: HTMLElement;
  const recoverable: unknown[] = [];
  let consoleError: ReturnType<typeof vi.spyOn>;
  let consoleWarn: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    recoverable.length = 0;
    consoleError = vi.spyOn(console, 'error');
    consoleWarn = vi.spyOn(console, 'warn');
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => container.remove());

  it('hydrates the invisible baseline without a warning, then shows the cached variant', async () => {
    const server = new FakeNinetailed();
    container.innerHTML = renderToString(<App ninetailed={server.asNinetailed} />);
    const serverHtml = container.innerHTML;
    expect(isVisible(wrapperOf(container))).toBe(false);

    const client = new FakeNinetailed();
    client.publish({
      ...stateWith(
        [selected('news-hero', 1, { 'hero-default': 'hero-news' })],
        [
          {
            type: 'Variable',
            key: 'cta-color',
            value: 'green',
            meta: { experienceId: 'cta-test', variantIndex: 1 },
          },
        ],
        ['news-readers'],
      ),
      profile: makeProfile({ audiences: ['news-readers'], traits: { first_name: 'Ada' } }),
      from: 'hydrated',
    });
    const root = await act(async () =>
      hydrateRoot(container, <App ninetailed={client.asNinetailed} />, {
        onRecoverableError: (error) => recoverable.push(error),
      }),
    );
    expect(recoverable).toEqual([]);
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
    expect(serverHtml).toContain('Welcome');
    // Right after hydration: the variant, visible, and the flag and trait.
    expect(isVisible(wrapperOf(container))).toBe(true);
    expect(container.querySelectorAll('h2')).toHaveLength(1);
    expect(container.querySelector('h2')?.textContent).toBe('News for you');
    expect(container.textContent).toBe('News for yougreenAda');
    act(() => root.unmount());
  });
});
