import * as core from '@ninetailed/experience.js';
import {
  type FetchLike,
  memoryStorage,
  type Ninetailed,
  NinetailedConfigError,
} from '@ninetailed/experience.js';
import { act, render, screen } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NinetailedProvider, useNinetailed, useProfile } from '../src';
import { FakeNinetailed } from './fakeNinetailed';
import { Catch, expectErrorsLogged, fetchDouble } from './helpers';

// Counts every instance the real core makes, so "exactly one instance" is measured.
const created = vi.hoisted(() => [] as unknown[]);
vi.mock('@ninetailed/experience.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@ninetailed/experience.js')>();
  class CountingNinetailed extends actual.Ninetailed {
    constructor(options: ConstructorParameters<typeof actual.Ninetailed>[0]) {
      super(options);
      created.push(this);
    }
  }
  return { ...actual, Ninetailed: CountingNinetailed };
});

beforeEach(() => {
  created.length = 0;
});

function Probe({ seen }: { seen: Ninetailed[] }) {
  seen.push(useNinetailed().ninetailed);
  return <output>{useProfile().status}</output>;
}

/** The options form under a parent that re-renders (new props objects) on each click. */
function OptionsApp({ fetch, seen }: { fetch: FetchLike; seen: Ninetailed[] }) {
  const [n, setN] = useState(0);
  return (
    <NinetailedProvider clientId="demo" environment="main" fetch={fetch} storage={memoryStorage()}>
      <button type="button" onClick={() => setN(n + 1)}>
        {n}
      </button>
      <Probe seen={seen} />
    </NinetailedProvider>
  );
}

describe('NinetailedProvider', () => {
  let io: ReturnType<typeof fetchDouble>;
  beforeEach(() => {
    io = fetchDouble();
  });
  afterEach(() => io.verify());

  it('uses a ready instance as given and makes none', () => {
    const fake = new FakeNinetailed();
    const seen: Ninetailed[] = [];
    render(
      <NinetailedProvider ninetailed={fake.asNinetailed}>
        <Probe seen={seen} />
      </NinetailedProvider>,
    );
    expect(seen).toEqual([fake]);
    expect(created).toHaveLength(0);
  });

  it('makes one instance from options and keeps it across re-renders', () => {
    const seen: Ninetailed[] = [];
    render(<OptionsApp fetch={io.fetch} seen={seen} />);
    act(() => screen.getByRole('button').click());
    act(() => screen.getByRole('button').click());
    expect(created).toHaveLength(1);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(1);
    expect(seen[0]).toBe(created[0]);
    expect(seen[0]?.clientId).toBe('demo');
    expect(seen[0]?.environment).toBe('main');
    expect(seen[0]).toBeInstanceOf(core.Ninetailed);
  });

  it('makes exactly one instance under React.StrictMode', () => {
    const seen: Ninetailed[] = [];
    const tree = () => (
      <StrictMode>
        <NinetailedProvider clientId="demo" fetch={io.fetch} storage={memoryStorage()}>
          <Probe seen={seen} />
        </NinetailedProvider>
      </StrictMode>
    );
    const { rerender } = render(tree());
    rerender(tree());
    expect(created).toHaveLength(1);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seen)).toEqual(new Set([created[0]]));
  });

  it('does no I/O while rendering and mounting', async () => {
    render(
      <NinetailedProvider clientId="demo" fetch={io.fetch} storage={memoryStorage()}>
        <Probe seen={[]} />
      </NinetailedProvider>,
    );
    await act(async () => {});
    expect(io.requests).toEqual([]);
    expect(screen.getByRole('status').textContent).toBe('loading');
  });

  describe('prop errors', () => {
    let logged: ReturnType<typeof expectErrorsLogged>;
    beforeEach(() => {
      logged = expectErrorsLogged();
    });
    afterEach(() => logged.restore());

    function renderCatching(ui: React.ReactNode): unknown {
      let caught: unknown;
      render(<Catch onError={(e) => (caught = e)}>{ui}</Catch>);
      return caught;
    }

    it('refuses an instance together with options, with a clear message', () => {
      const fake = new FakeNinetailed();
      const error = renderCatching(
        // @ts-expect-error: an instance and options are exclusive
        <NinetailedProvider ninetailed={fake.asNinetailed} clientId="demo" environment="main" />,
      );
      expect(error).toBeInstanceOf(NinetailedConfigError);
      expect((error as Error).message).toBe(
        '[ninetailed] <NinetailedProvider> got both a "ninetailed" instance and options (clientId, environment). ' +
          'Pass one: <NinetailedProvider ninetailed={instance}> or <NinetailedProvider clientId="...">.',
      );
      expect(created).toHaveLength(0);
    });

    it('refuses neither an instance nor options', () => {
      // @ts-expect-error: clientId (or ninetailed) is required
      const error = renderCatching(<NinetailedProvider />);
      expect(error).toBeInstanceOf(NinetailedConfigError);
      expect((error as Error).message).toMatch(/^\[ninetailed\] <NinetailedProvider> needs a "clientId"/);
    });

    it('refuses a bad experienceTimeout, naming it', () => {
      const fake = new FakeNinetailed();
      const error = renderCatching(
        <NinetailedProvider ninetailed={fake.asNinetailed} experienceTimeout={-1} />,
      );
      expect(error).toBeInstanceOf(NinetailedConfigError);
      expect((error as NinetailedConfigError).option).toBe('experienceTimeout');
      expect((error as Error).message).toBe(
        '[ninetailed] <NinetailedProvider> "experienceTimeout" must be 0 to 2147483647 ms, got -1',
      );
    });

    it('lets the core report a bad option (empty clientId)', () => {
      const error = renderCatching(<NinetailedProvider clientId="" />);
      expect(error).toBeInstanceOf(NinetailedConfigError);
      expect((error as NinetailedConfigError).option).toBe('clientId');
      expect((error as Error).message).toMatch(/^\[ninetailed\] /);
    });
  });
});
