import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli } from './childServer';
import { events, inspect, request, startTestServer, tempDir } from './helpers';

describe('persistence', () => {
  it('keeps profiles, events, aliases and traits across a restart', async () => {
    const dir = tempDir();
    const first = await startTestServer({ dir });
    const holder = (
      await first.post('/profiles', {
        events: [
          events.page('/news', { category: 'news' }),
          events.identify('frank', { favoriteColor: 'red' }),
        ],
      })
    ).body.data.profile;
    const other = (await first.post('/profiles', { events: [events.page('/x')] })).body.data.profile;
    await first.server.close();

    const second = await startTestServer({ dir });
    const read = await second.get(`/profiles/${holder.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data.profile).toEqual(holder);

    // The alias survived: identifying on another profile still merges into the holder.
    const merged = await second.post(`/profiles/${other.id}`, { events: [events.identify('frank')] });
    expect(merged.body.data.profile.id).toBe(holder.id);
    expect((await inspect(second.url)).body.data.events).toHaveLength(4);
  });

  it.each([
    ['group commit', []],
    ['one commit per request', ['--commit-per-request']],
  ])(
    'loses nothing that was answered when the process is killed (SIGKILL) right after (%s)',
    async (_mode, flags) => {
      const dir = tempDir();
      const databaseFile = join(dir, 'crash.db');
      const child = await startCli(['--quiet', '--database-file', databaseFile, ...flags]);
      const base = `${child.url}/v2/organizations/demo/environments/main`;
      // Concurrent requests, so group commit batches several of them into one commit.
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          request(`${base}/profiles`, {
            method: 'POST',
            body: JSON.stringify({ events: [events.page(`/p${i}`), events.identify('', { i })] }),
          }),
        ),
      );
      const answered = answers.map((answer) => {
        expect(answer.status).toBe(200);
        return answer.body.data.profile.id as string;
      });
      child.process.kill('SIGKILL');
      expect(await child.exited).toBeNull();

      const api = await startTestServer({ dir, databaseFile });
      for (const [i, id] of answered.entries()) {
        const read = await request(`${api.url}/v2/organizations/demo/environments/main/profiles/${id}`);
        expect(read.status).toBe(200);
        expect(read.body.data.profile.traits).toEqual({ i });
      }
    },
  );

  it('finishes an in-flight request on SIGTERM, refuses new connections, closes the database, exits 0', async () => {
    const dir = tempDir();
    const databaseFile = join(dir, 'graceful.db');
    const child = await startCli(['--database-file', databaseFile]);
    const url = new URL(`${child.url}/v2/organizations/demo/environments/main/profiles`);
    const body = JSON.stringify({ events: [events.page('/in-flight')] });

    // Start a request, send half of its body, then ask the server to stop.
    let sendRest: () => void = () => {};
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        url,
        { method: 'POST', headers: { 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      sendRest = () => req.end(body.slice(10));
    });
    // Wait until the server is answering it (the health request itself is the other one).
    while ((await request(`${child.url}/__local/health`)).body.data.inFlight < 2);
    child.process.kill('SIGTERM');
    await child.waitForLine((e) => e.msg === 'shutting down');

    await expect(fetch(child.url)).rejects.toThrow();
    sendRest();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    const id = JSON.parse(answer.text).data.profile.id;
    expect(await child.exited).toBe(0);
    await child.waitForLine((e) => e.msg === 'stopped');

    // The request log has one JSON line per request: method, path, status, ms.
    const logged = await child.waitForLine((e) => e.msg === 'request' && e.method === 'POST');
    expect(logged).toEqual({
      time: expect.any(String),
      level: 'info',
      msg: 'request',
      method: 'POST',
      path: '/v2/organizations/demo/environments/main/profiles',
      status: 200,
      ms: expect.any(Number),
    });

    const api = await startTestServer({ dir, databaseFile });
    expect((await api.get(`/profiles/${id}`)).body.data.profile.session.landingPage.path).toBe('/in-flight');
  });
});
