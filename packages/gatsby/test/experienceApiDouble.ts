import type { FetchLike, NinetailedEvent, Profile } from '@ninetailed/experience.js-react';
import { expect } from 'vitest';

export const API_URL = 'http://127.0.0.1:9';
const PROFILES = `${API_URL}/v2/organizations/demo/environments/main/profiles`;

export function makeProfile(id: string, audiences: string[]): Profile {
  return {
    id,
    stableId: id,
    random: 0.5,
    audiences,
    traits: {},
    location: {},
    session: {
      id: 's-1',
      isReturningVisitor: false,
      landingPage: { path: '/', url: 'http://localhost/', query: {}, referrer: '', search: '' },
      count: 1,
      activeSessionLength: 0,
      averageSessionLength: 0,
    },
  };
}

/**
 * A fetch seam playing the Experience API for `demo`/`main`: it accepts profile requests,
 * records their events in order, and answers with a profile whose audiences come from
 * `audiencesFor(eventsSoFar)`. Any other request fails the test (see `verify`). With
 * `refuse`, it answers every profile request with a 400 `ERR_INVALID_DATA` (the events are
 * dropped and the calls reject) instead, and records nothing.
 */
export function experienceApiDouble(
  audiencesFor: (events: NinetailedEvent[]) => string[] = () => [],
  { refuse = false } = {},
) {
  const events: NinetailedEvent[] = [];
  const unexpected: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    if (init.method !== 'POST' || (url !== PROFILES && url !== `${PROFILES}/p-1`)) {
      unexpected.push(`${init.method} ${url}`);
      throw new Error(`[test] unexpected request ${init.method} ${url}`);
    }
    if (refuse) {
      const error = { message: 'invalid event', data: {}, error: { code: 'ERR_INVALID_DATA' } };
      return new Response(JSON.stringify(error), {
        status: 400,
        headers: { 'content-type': 'application/json' },
      });
    }
    events.push(...(JSON.parse(init.body) as { events: NinetailedEvent[] }).events);
    const data = { profile: makeProfile('p-1', audiencesFor(events)), experiences: [], changes: [] };
    return new Response(JSON.stringify({ data, message: 'ok', error: null }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return {
    fetch,
    events,
    verify() {
      expect(unexpected).toEqual([]);
    },
  };
}
