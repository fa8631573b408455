import { describe, expect, it } from 'vitest';
import { events, inspect, startTestServer } from './helpers';

describe('bounds on what one client can make the server hold or compute', () => {
  it('refuses an event over 32 KB with a 400 naming it, and writes nothing', async () => {
    const api = await startTestServer();
    const big = events.identify('', { bio: 'x'.repeat(40_000) });
    const answer = await api.post('/profiles', { events: [events.page('/'), big] });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('ERR_INVALID_DATA');
    expect(answer.body.message).toMatch(
      /^events\[1\]: is \d+ bytes as JSON; one event may hold at most 32768 bytes$/,
    );
    expect((await inspect(api.url, true)).body.data.events).toEqual([]);
  });

  it("refuses an identify that would grow a profile's traits past 256 KB; the traits stay as they were", async () => {
    const api = await startTestServer();
    const { id } = (await api.post('/profiles', { events: [events.page('/')] })).body.data.profile;
    let refused: { status: number; body: { message: string } } | undefined;
    for (let i = 0; i < 12 && !refused; i++) {
      const answer = await api.post(`/profiles/${id}`, {
        events: [events.identify('', { [`k${i}`]: 'y'.repeat(30_000) })],
      });
      if (answer.status !== 200) refused = answer;
    }
    expect(refused?.status).toBe(400);
    expect(refused?.body.message).toMatch(
      /^traits: identify ".+" would grow the profile's traits to \d+ bytes as JSON; at most 262144 are allowed$/,
    );
    const traits = (await api.get(`/profiles/${id}`)).body.data.profile.traits;
    expect(Object.keys(traits)).toHaveLength(8);
    expect(Buffer.byteLength(JSON.stringify(traits))).toBeLessThanOrEqual(256 * 1024);
  });

  it('answers a long history from the profile read model: 1000 later events leave the first session and the news pages counted', async () => {
    const api = await startTestServer({ profileRateLimit: false });
    const news = Array.from({ length: 3 }, () => events.page('/n', { category: 'news' }));
    const { id } = (await api.post('/profiles', { events: news })).body.data.profile;
    expect((await api.get(`/profiles/${id}`)).body.data.profile.audiences).toContain('news-readers');
    // Two hours later, a long second session of 1000 more events.
    api.clock.now += 2 * 60 * 60 * 1000;
    for (let i = 0; i < 5; i++) {
      const batch = Array.from({ length: 200 }, (_, j) => events.page(`/p${i}-${j}`));
      expect((await api.post(`/profiles/${id}`, { events: batch })).status).toBe(200);
    }
    const profile = (await api.get(`/profiles/${id}`)).body.data.profile;
    // Nothing falls out of a window: the three news pages and the first session still count.
    expect(profile.audiences).toContain('news-readers');
    expect(profile.session).toMatchObject({ count: 2, isReturningVisitor: true });
    expect(profile.session.landingPage.path).toBe('/p0-0');
  });

  it('limits profile creation per organisation (429 ERR_ORGANIZATION_OVERLOAD); updates and retries pass', async () => {
    const api = await startTestServer({ createRateLimit: { perSecond: 1, burst: 3 } });
    const first = { events: [events.page('/')] };
    const created = [];
    for (let i = 0; i < 3; i++) {
      const answer = await api.post('/profiles', i === 0 ? first : { events: [events.page('/')] });
      created.push(answer.body.data.profile.id);
      expect(answer.status).toBe(200);
    }
    const over = await api.post('/profiles', { events: [events.page('/')] });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('ERR_ORGANIZATION_OVERLOAD');
    expect(over.headers.get('retry-after')).toBe('1');
    const batch = await api.post('/events', {
      events: [events.page('/', {}, { anonymousId: 'someone-new' })],
    });
    expect(batch.status).toBe(429);
    // Existing profiles keep working, and a retried create (same request) creates nothing.
    expect((await api.post(`/profiles/${created[1]}`, { events: [events.page('/b')] })).status).toBe(200);
    const retry = await api.post('/profiles', first);
    expect([retry.status, retry.body.data.profile.id]).toEqual([200, created[0]]);
    // A second later one more create is allowed.
    api.clock.now += 1000;
    expect((await api.post('/profiles', { events: [events.page('/')] })).status).toBe(200);
  });

  it('a messageId is no credential: a create naming a victim’s messageId gets a new profile, not the victim’s', async () => {
    const api = await startTestServer();
    const victimEvent = events.identify('victim', { email: 'victim@example.com' });
    const victim = (await api.post('/profiles', { events: [victimEvent] })).body.data.profile;

    const forged = { type: 'page', messageId: victimEvent.messageId, properties: { path: '/' } };
    const attacker = (await api.post('/profiles', { events: [forged] })).body.data.profile;
    expect(attacker.id).not.toBe(victim.id);
    expect(attacker.traits).toEqual({});
    const alongside = (await api.post('/profiles', { events: [victimEvent, events.page('/x')] })).body.data
      .profile;
    expect(alongside.id).not.toBe(victim.id);
    expect(alongside.traits).toEqual({});
    // Writing through the forged create reached nobody else.
    const read = (await api.get(`/profiles/${victim.id}`)).body.data.profile;
    expect(read.traits).toEqual({ email: 'victim@example.com' });
    // The exact same request, retried, is still recognised.
    expect((await api.post('/profiles', { events: [victimEvent] })).body.data.profile.id).toBe(victim.id);
  });

  it('refuses impossible timestamps with a 400 naming the field', async () => {
    const api = await startTestServer();
    const cases: [string, string][] = [
      ['timestamp', '2024-02-30T00:00:00Z'],
      ['originalTimestamp', '2023-02-29T12:00:00.000Z'],
      ['sentAt', '2024-01-01T24:00:00Z'],
      ['timestamp', '2024-04-31T00:00:00+02:00'],
      ['timestamp', `2024-01-01T00:00:00.${'1'.repeat(1_000_000)}Z`],
    ];
    for (const [field, value] of cases) {
      const answer = await api.post('/profiles', { events: [events.page('/', {}, { [field]: value })] });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(
        new RegExp(`^events\\[0\\]\\.${field}: must be an ISO 8601 date-time`),
      );
      expect(answer.body.message.length).toBeLessThan(200);
    }
    const leap = await api.post('/profiles', {
      events: [events.page('/', {}, { timestamp: '2024-02-29T23:59:59.123456789Z' })],
    });
    expect(leap.status).toBe(200);
  });
});
