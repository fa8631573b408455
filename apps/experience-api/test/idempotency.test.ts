import { describe, expect, it } from 'vitest';
import { events, inspect, request, startTestServer } from './helpers';

describe('messageId idempotency and the inspection log', () => {
  it('does not apply an event twice when a request is retried', async () => {
    const api = await startTestServer();
    const news = [1, 2].map((n) => events.page(`/news/${n}`, { category: 'news' }));
    const created = (await api.post('/profiles', { events: news })).body.data.profile;
    const third = events.page('/news/3', { category: 'news' });
    const first = await api.post(`/profiles/${created.id}`, { events: [third] });
    expect(first.body.data.profile.audiences).toContain('news-readers');

    // The same request again, and the same events with one new one.
    await api.post(`/profiles/${created.id}`, { events: [third] });
    const track = events.track('add_to_cart');
    const mixed = await api.post(`/profiles/${created.id}`, { events: [...news, third, track] });
    expect(mixed.status).toBe(200);

    const log = (await inspect(api.url)).body.data.events;
    expect(log.map((e: { event: { messageId: string } }) => e.event.messageId)).toEqual([
      news[0]?.messageId,
      news[1]?.messageId,
      third.messageId,
      track.messageId,
    ]);
    const withDuplicates = (await inspect(api.url, true)).body.data.events;
    expect(withDuplicates).toHaveLength(4 + 1 + 3);
    expect(withDuplicates.filter((e: { duplicate?: boolean }) => e.duplicate === true)).toHaveLength(4);
  });

  it('does not count a duplicate towards audiences', async () => {
    const api = await startTestServer();
    const page = events.page('/news', { category: 'news' });
    const created = (await api.post('/profiles', { events: [page, page, page] })).body.data.profile;
    expect(created.audiences).not.toContain('news-readers');
  });

  it('a retried create (answer lost) returns the same profile, not a second one', async () => {
    const api = await startTestServer();
    const batch = { events: [events.page('/'), events.identify('', { a: 1 })] };
    const first = (await api.post('/profiles', batch)).body.data.profile;
    const retry = (await api.post('/profiles', batch)).body.data.profile;
    expect(retry.id).toBe(first.id);
    expect(retry.traits).toEqual({ a: 1 });
  });

  it('does not apply identify traits twice after a merge recombined the histories', async () => {
    const api = await startTestServer();
    const identify = events.identify('erin', { visits: 1 });
    const holder = (await api.post('/profiles', { events: [identify] })).body.data.profile;
    const other = (await api.post('/profiles', { events: [events.identify('erin', { visits: 2 })] })).body
      .data.profile;
    expect(other.id).toBe(holder.id);
    const resent = await api.post(`/profiles/${holder.id}`, { events: [identify] });
    expect(resent.body.data.profile.traits).toEqual({ visits: 2 });
  });

  it('lists the log per scope with profile ids and receive times, and DELETE clears only the log', async () => {
    const api = await startTestServer();
    const created = (await api.post('/profiles', { events: [events.page('/a')] })).body.data.profile;
    const log = await inspect(api.url);
    expect(log.status).toBe(200);
    expect(log.body.data.events).toEqual([
      { profileId: created.id, receivedAt: new Date(api.clock.now).toISOString(), event: expect.any(Object) },
    ]);

    const cleared = await request(`${api.url}/__local/events?organization=demo&environment=main`, {
      method: 'DELETE',
    });
    expect(cleared.status).toBe(200);
    expect((await inspect(api.url)).body.data.events).toEqual([]);
    // The profile and its history are intact.
    const read = await api.get(`/profiles/${created.id}`);
    expect(read.body.data.profile.session.landingPage.path).toBe('/a');

    await api.post(`/profiles/${created.id}`, { events: [events.page('/b')] });
    const after = (await inspect(api.url)).body.data.events;
    expect(after.map((e: { event: { properties: { path: string } } }) => e.event.properties.path)).toEqual([
      '/b',
    ]);
  });

  it('server.events() and clearEvents() give the same log in process, duplicates on request', async () => {
    const api = await startTestServer();
    const page = events.page('/a');
    const created = (await api.post('/profiles', { events: [page] })).body.data.profile;
    await api.post(`/profiles/${created.id}`, { events: [page] });
    const log = await api.server.events();
    expect(log).toEqual((await inspect(api.url)).body.data.events);
    expect(log.map((entry) => entry.event.messageId)).toEqual([page.messageId]);
    const all = await api.server.events({ all: true });
    expect(all.map((entry) => entry.duplicate ?? false)).toEqual([false, true]);
    await expect(api.server.events({ organization: 'nobody' })).rejects.toThrow(/not configured/);
    await api.server.clearEvents();
    expect(await api.server.events()).toEqual([]);
    expect((await api.get(`/profiles/${created.id}`)).status).toBe(200);
  });

  it('refuses the log of an unknown scope or without organization', async () => {
    const api = await startTestServer();
    expect((await request(`${api.url}/__local/events?organization=nobody`)).body.error.code).toBe(
      'ERR_CONFIG_NOT_FOUND',
    );
    const missing = await request(`${api.url}/__local/events`);
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/^organization: /);
  });

  it('serves no inspection log when inspection is off (the default off loopback)', async () => {
    const api = await startTestServer({ inspection: false });
    expect((await api.post('/profiles', { events: [events.page('/')] })).status).toBe(200);
    const log = await inspect(api.url);
    expect(log.status).toBe(404);
    expect(log.body.error.code).toBe('ERR_NOT_FOUND');
    expect((await request(`${api.url}/__local/events?organization=demo`, { method: 'DELETE' })).status).toBe(
      404,
    );
  });
});
