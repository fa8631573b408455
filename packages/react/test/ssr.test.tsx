// @vitest-environment node
import { memoryStorage } from '@ninetailed/experience.js';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { NinetailedProvider, useNinetailed, useProfile } from '../src';
import { fetchDouble } from './helpers';

function Page() {
  const { page } = useNinetailed();
  const { status, loading, profile } = useProfile();
  // Calling into the SDK during a server render must be a harmless no-op.
  void page({ category: 'news' });
  return <p>{`${status}:${loading}:${profile === null}`}</p>;
}

function Tracker({ sent }: { sent: Array<Promise<void>> }) {
  const { track } = useNinetailed();
  sent.push(track('add_to_cart'));
  return <p>{useProfile().status}</p>;
}

describe('server rendering (no window)', () => {
  const io = fetchDouble();
  afterEach(() => io.verify());

  it('renders with options, touches no window and sends nothing', async () => {
    expect(typeof window).toBe('undefined');
    const html = renderToString(
      <NinetailedProvider clientId="demo" fetch={io.fetch} storage={memoryStorage()}>
        <Page />
      </NinetailedProvider>,
    );
    expect(html).toBe('<p>loading:true:true</p>');
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(io.requests).toEqual([]);
  });

  it('renders with only a clientId (default seams) and the calls resolve at once', async () => {
    const sent: Array<Promise<void>> = [];
    const html = renderToString(
      <NinetailedProvider clientId="demo">
        <Tracker sent={sent} />
      </NinetailedProvider>,
    );
    expect(html).toBe('<p>loading</p>');
    expect(sent).toHaveLength(1);
    await expect(sent[0]).resolves.toEqual({ success: true });
  });
});
