import { memoryStorage } from '@ninetailed/experience.js';
import { act } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NinetailedProvider, type NinetailedProviderProps, useProfile } from '../src';
import { FakeNinetailed, makeProfile, successState } from './fakeNinetailed';
import { fetchDouble } from './helpers';

function Inspector() {
  const { loading, profile } = useProfile();
  return (
    <section>
      {loading ? (
        <p>loading</p>
      ) : (
        <ul>
          {profile?.audiences.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function App(props: NinetailedProviderProps) {
  return (
    <NinetailedProvider {...props}>
      <Inspector />
    </NinetailedProvider>
  );
}

describe('renderToString then hydrate', () => {
  let container: HTMLElement;
  let consoleError: ReturnType<typeof vi.spyOn>;
  let consoleWarn: ReturnType<typeof vi.spyOn>;
  const recoverable: unknown[] = [];

  beforeEach(() => {
    recoverable.length = 0;
    consoleError = vi.spyOn(console, 'error');
    consoleWarn = vi.spyOn(console, 'warn');
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => {
    container.remove();
  });

  function hydrate(ui: React.ReactNode) {
    const root = hydrateRoot(container, ui, { onRecoverableError: (error) => recoverable.push(error) });
    return root;
  }

  it('hydrates the options form without a mismatch or warning', async () => {
    const io = fetchDouble();
    container.innerHTML = renderToString(<App clientId="demo" fetch={io.fetch} storage={memoryStorage()} />);
    expect(container.innerHTML).toBe('<section><p>loading</p></section>');
    const root = await act(async () =>
      hydrate(<App clientId="demo" fetch={io.fetch} storage={memoryStorage()} />),
    );
    expect(container.innerHTML).toBe('<section><p>loading</p></section>');
    expect(recoverable).toEqual([]);
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
    io.verify();
    act(() => root.unmount());
  });

  it('hydrates from the server snapshot when the client already has a cached profile, then shows it', async () => {
    // The server knows no profile; the browser has one from its cache before hydrating.
    const server = new FakeNinetailed();
    container.innerHTML = renderToString(<App ninetailed={server.asNinetailed} />);
    expect(container.innerHTML).toBe('<section><p>loading</p></section>');

    const client = new FakeNinetailed();
    client.publish({ ...successState(makeProfile({ audiences: ['returning'] })), from: 'hydrated' });
    const root = await act(async () => hydrate(<App ninetailed={client.asNinetailed} />));

    expect(recoverable).toEqual([]);
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
    // Right after hydration React moves to the client snapshot.
    expect(container.innerHTML).toBe('<section><ul><li>returning</li></ul></section>');
    act(() => root.unmount());
  });
});
