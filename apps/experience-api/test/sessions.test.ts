import { describe, expect, it } from 'vitest';
import { events, startTestServer } from './helpers';

const MINUTE = 60_000;

describe('sessions (server clock injected)', () => {
  it('counts sessions split by 30 minutes of inactivity, with lengths in ms', async () => {
    const api = await startTestServer();
    const start = api.clock.now;
    const first = await api.post('/profiles', {
      events: [events.page('/landing', { referrer: 'https://google.com/' })],
    });
    const { id } = first.body.data.profile;
    const firstSession = first.body.data.profile.session;

    api.clock.now = start + 10 * MINUTE;
    const sameSession = (await api.post(`/profiles/${id}`, { events: [events.page('/second')] })).body.data
      .profile;
    expect(sameSession.session).toMatchObject({
      id: firstSession.id,
      count: 1,
      isReturningVisitor: false,
      activeSessionLength: 10 * MINUTE,
      averageSessionLength: 10 * MINUTE,
    });
    expect(sameSession.session.landingPage.path).toBe('/landing');
    expect(sameSession.session.landingPage.referrer).toBe('https://google.com/');

    // Exactly 30 minutes later is still the same session; a gap of more is a new one.
    api.clock.now = start + 40 * MINUTE;
    const stillSame = (await api.post(`/profiles/${id}`, { events: [events.track('scroll')] })).body.data
      .profile;
    expect(stillSame.session.count).toBe(1);

    api.clock.now = start + 70 * MINUTE + 1;
    const second = (await api.post(`/profiles/${id}`, { events: [events.page('/back')] })).body.data.profile;
    expect(second.session).toMatchObject({
      count: 2,
      isReturningVisitor: true,
      activeSessionLength: 0,
      averageSessionLength: 20 * MINUTE,
    });
    expect(second.session.id).not.toBe(firstSession.id);
    expect(second.session.landingPage.path).toBe('/back');
    expect(second.audiences).toContain('returning');

    api.clock.now += 5 * MINUTE;
    const read = (await api.get(`/profiles/${id}`)).body.data.profile;
    expect(read.session).toEqual(second.session);
  });

  it('uses the first page event as landing page, even when a track event came first', async () => {
    const api = await startTestServer();
    const created = await api.post('/profiles', {
      events: [events.track('early'), events.page('/real-landing')],
    });
    expect(created.body.data.profile.session.landingPage.path).toBe('/real-landing');
  });

  it('falls back to the page a non-page event was sent from, then to empty strings', async () => {
    const api = await startTestServer();
    const track = await api.post('/profiles', { events: [events.track('only')] });
    expect(track.body.data.profile.session.landingPage).toEqual({
      path: '/',
      url: 'http://localhost:4310/',
      query: {},
      referrer: '',
      search: '',
    });
    const bare = await api.post('/profiles', {
      events: [{ type: 'track', messageId: 'bare-1', event: 'x' }],
    });
    expect(bare.body.data.profile.session.landingPage).toEqual({
      path: '',
      url: '',
      query: {},
      referrer: '',
      search: '',
    });
  });
});
