/**
 * The SQLite file itself: its journal mode, and databases written by earlier versions of the
 * server (upgraded by the versioned migrations at start). SQLite only.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config';
import { DEFAULT_CONFIG_FILE } from '../src/defaultConfigFile';
import { MIGRATIONS } from '../src/store/migrations';
import { openSqliteStore } from '../src/store/sqliteStore';
import { demoCtaTest } from './experienceOracle';
import { events, onCleanup, startTestServer, tempDir } from './helpers';

describe('the SQLite file', () => {
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

  it('answers profiles from their stored read model, and rebuilds it from the events when the audiences change', async () => {
    const dir = tempDir();
    const databaseFile = join(dir, 'digest.db');
    const first = await startTestServer({ dir, databaseFile });
    const news = () => Array.from({ length: 3 }, () => events.page('/n', { category: 'news' }));
    const a = (await first.post('/profiles', { events: news() })).body.data.profile.id;
    const b = (await first.post('/profiles', { events: [...news(), events.track('signup')] })).body.data
      .profile.id;
    await first.server.close();
    const db = new Database(databaseFile);
    try {
      const digest = db.prepare('SELECT digest FROM profiles WHERE id = ?').get(a) as { digest: string };
      expect(JSON.parse(digest.digest)).toMatchObject({ sessions: 1 });
      // Without its event rows, a profile still answers from its read model: no read scans them.
      db.prepare('DELETE FROM events WHERE profile_id = ?').run(a);
    } finally {
      db.close();
    }
    const second = await startTestServer({ dir, databaseFile });
    expect((await second.get(`/profiles/${a}`)).body.data.profile).toMatchObject({
      audiences: ['news-readers'],
      session: { count: 1 },
    });
    await second.server.close();
    const config = loadConfig(DEFAULT_CONFIG_FILE);
    const main = config.organizations.demo?.environments.main;
    main?.audiences.push({ id: 'signed-up', rule: { track: { event: 'signup' } } });
    const third = await startTestServer({ dir, databaseFile, config });
    // A new audience reads history the digest never counted: rebuilt from b's events.
    expect((await third.get(`/profiles/${b}`)).body.data.profile.audiences).toEqual([
      'news-readers',
      'signed-up',
    ]);
    const updated = await third.post(`/profiles/${b}`, { events: [events.page('/')] });
    expect(updated.body.data.profile.audiences).toEqual(['news-readers', 'signed-up']);
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
    old.exec('DROP TABLE schema_migrations');
    old.pragma('user_version = 1');
    old.close();

    const second = await startTestServer({ dir, databaseFile, config });
    const read = await second.get(`/profiles/${profile.id}`);
    expect(read.body.data.experiences).toEqual([demoCtaTest(profile.stableId, shown).experience]);
    const db = new Database(databaseFile, { readonly: true });
    try {
      expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({
        v: MIGRATIONS.at(-1)?.version,
      });
    } finally {
      db.close();
    }
  });

  it('opens a version 3 database: its track events get their track_event and track_at columns (schema migration to 4)', async () => {
    const dir = tempDir();
    const databaseFile = join(dir, 'v3.db');
    const config = join(import.meta.dirname, '..', 'config', 'demo.json');
    const first = await startTestServer({ dir, databaseFile, config });
    const { profile } = (await first.post('/profiles', { events: [events.track('signup')] })).body.data;
    await first.post(`/profiles/${profile.id}`, { events: [events.page('/'), events.track('add_to_cart')] });
    await first.server.close();
    // What version 3 stored: no track_event or track_at column (emulated: emptied), the expression index.
    const old = new Database(databaseFile);
    old.exec(`UPDATE events SET track_event = NULL, track_at = NULL; DROP INDEX events_track;
      DELETE FROM schema_migrations WHERE version = 4;`);
    old.close();

    const second = await startTestServer({ dir, databaseFile, config });
    await second.server.close();
    const db = new Database(databaseFile, { readonly: true });
    try {
      expect(
        db
          .prepare(
            'SELECT track_event, track_at = received_at AS dated FROM events WHERE track_event IS NOT NULL ORDER BY seq',
          )
          .all(),
      ).toEqual([
        { track_event: 'signup', dated: 1 },
        { track_event: 'add_to_cart', dated: 1 },
      ]);
      // The reports' lookup uses the new index.
      const plan = db
        .prepare(
          "EXPLAIN QUERY PLAN SELECT 1 FROM events WHERE org = 'demo' AND env = 'main' AND track_event = 'signup' AND track_at >= 0 AND track_event IS NOT NULL",
        )
        .all() as { detail: string }[];
      expect(plan.map((row) => row.detail).join(' ')).toContain('events_track');
    } finally {
      db.close();
    }
  });

  it('records each migration once in schema_migrations, also when opened again', async () => {
    const file = join(tempDir(), 'versions.db');
    await openSqliteStore(file).close();
    const store = openSqliteStore(file);
    onCleanup(() => store.close());
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(
        MIGRATIONS.map(({ version, name }) => ({ version, name })),
      );
      expect(MIGRATIONS.map(({ version }) => version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    } finally {
      db.close();
    }
  });
});
