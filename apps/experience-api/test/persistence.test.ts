import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startCli } from './childServer';
import { demoCtaTest } from './experienceOracle';
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

  it('opens a database written before event facts were stored (schema migration)', async () => {
    const dir = tempDir();
    const databaseFile = join(dir, 'old.db');
    const old = new Database(databaseFile);
    old.exec(`
      CREATE TABLE profiles (org TEXT NOT NULL, env TEXT NOT NULL, id TEXT NOT NULL, stable_id TEXT NOT NULL,
        random REAL NOT NULL, traits TEXT NOT NULL, location TEXT NOT NULL, created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL, PRIMARY KEY (org, env, id)) WITHOUT ROWID;
      CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, org TEXT NOT NULL, env TEXT NOT NULL,
        profile_id TEXT NOT NULL, received_profile_id TEXT NOT NULL, message_id TEXT NOT NULL,
        received_at INTEGER NOT NULL, duplicate INTEGER NOT NULL, body TEXT NOT NULL);
    `);
    old.prepare("INSERT INTO profiles VALUES ('demo', 'main', 'old-1', 's', 0.5, '{}', '{}', 0, 0)").run();
    const page = events.page('/blog/old', { category: 'news' });
    old
      .prepare("INSERT INTO events VALUES (NULL, 'demo', 'main', 'old-1', 'old-1', ?, 0, 0, ?)")
      .run(page.messageId, JSON.stringify(page));
    old.close();

    const api = await startTestServer({ dir, databaseFile });
    const read = await api.get('/profiles/old-1');
    expect(read.status).toBe(200);
    expect(read.body.data.profile.session.landingPage.path).toBe('/blog/old');
    expect(read.body.data.profile.audiences).toEqual(['blog-readers']);
    // New events are stored beside the old ones (received decades later: a second session).
    const updated = await api.post('/profiles/old-1', { events: [events.page('/new')] });
    expect(updated.body.data.profile.audiences).toEqual(['blog-readers', 'returning']);
  });

  it('opens a version 1 database whose component facts lack the experience fields (schema migration to 2)', async () => {
    const dir = tempDir();
    const databaseFile = join(dir, 'v1.db');
    const config = join(import.meta.dirname, '..', 'config', 'demo.json');
    const first = await startTestServer({ dir, databaseFile, config });
    const { profile } = (await first.post('/profiles', { events: [events.page('/')] })).body.data;
    // The variant the visitor saw is the one not computed now, so only the stored pick can give it.
    const shown = 1 - demoCtaTest(profile.stableId).experience.variantIndex;
    const view = events.component({ experienceId: 'cta-test', variantIndex: shown });
    await first.post(`/profiles/${profile.id}`, { events: [view] });
    await first.server.close();
    // What version 1 stored for a component event: no experience fields in its facts.
    const old = new Database(databaseFile);
    old
      .prepare('UPDATE events SET facts = \'{"type":"component"}\' WHERE message_id = ?')
      .run(view.messageId);
    old.pragma('user_version = 1');
    old.close();

    const second = await startTestServer({ dir, databaseFile, config });
    const read = await second.get(`/profiles/${profile.id}`);
    expect(read.body.data.experiences).toEqual([demoCtaTest(profile.stableId, shown).experience]);
    const db = new Database(databaseFile, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });

  it('uses WAL with synchronous commits', async () => {
    const api = await startTestServer();
    await api.post('/profiles', { events: [events.page('/')] });
    const db = new Database(api.databaseFile, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
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
