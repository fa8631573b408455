import { describe, expect, it } from 'vitest';
import { Ninetailed } from '../src/index';
import { fetchDouble } from './helpers';

describe('server rendering (no window)', () => {
  it('constructs safely and resolves every call at once, sending nothing', async () => {
    expect(typeof window).toBe('undefined');
    const api = fetchDouble();
    const ninetailed = new Ninetailed({ clientId: 'demo', fetch: api.fetch });
    const results = await Promise.all([
      ninetailed.page({ category: 'news' }),
      ninetailed.track('add_to_cart'),
      ninetailed.identify('alias', { a: 1 }),
      // Even bad input is a no-op on the server: there is nothing to validate it for.
      ninetailed.track(''),
      ninetailed.reset(),
      ninetailed.flush(),
    ]);
    const ok = { success: true };
    expect(results).toEqual([ok, ok, ok, ok, undefined, undefined]);
    expect(() => ninetailed.debug(true)).not.toThrow();
    ninetailed.debug(false);
    expect(() => ninetailed.consent(true)).not.toThrow();
    expect(ninetailed.profileState.status).toBe('loading');
    const states: string[] = [];
    ninetailed.onProfileChange((state) => states.push(state.status))();
    expect(states).toEqual(['loading']);
    expect(api.fetch).not.toHaveBeenCalled();
  });

  it('still refuses a bad configuration on the server', () => {
    expect(() => new Ninetailed({ clientId: '' })).toThrow(/clientId/);
  });
});
