import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliOptions } from '../src/cliOptions';
import { DEFAULT_CONFIG_FILE } from '../src/http/server';
import { spawnCli, startCli } from './childServer';
import { events, request, tempDir } from './helpers';
import { TEST_STORE } from './testDatabase';

describe('CLI options', () => {
  it('defaults to 127.0.0.1:3030, ./experience-api.db and the demo configuration', () => {
    expect(cliOptions([], {})).toMatchObject({
      port: 3030,
      host: '127.0.0.1',
      databaseFile: './experience-api.db',
      config: DEFAULT_CONFIG_FILE,
      mergedIds: 'redirect',
      help: false,
    });
  });

  it('reads PORT, HOST, DATABASE_FILE, EXPERIENCE_CONFIG; flags win over the environment', () => {
    const env = {
      PORT: '4000',
      HOST: '0.0.0.0',
      DATABASE_FILE: '/tmp/a.db',
      EXPERIENCE_CONFIG: '/tmp/c.json',
    };
    expect(cliOptions([], env)).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      databaseFile: '/tmp/a.db',
      config: '/tmp/c.json',
    });
    expect(
      cliOptions(
        ['--port', '5000', '--host', '::1', '--database-file', 'b.db', '--config', 'd.json', '--quiet'],
        env,
      ),
    ).toMatchObject({ port: 5000, host: '::1', databaseFile: 'b.db', config: 'd.json', logger: false });
  });

  it('refuses a bad port, a bad --merged-ids and unknown flags', () => {
    expect(() => cliOptions(['--port', 'http'], {})).toThrow('[ninetailed] invalid port "http"');
    expect(() => cliOptions([], { PORT: '70000' })).toThrow('invalid port "70000"');
    expect(() => cliOptions(['--merged-ids', 'keep'], {})).toThrow('expected redirect or gone');
    expect(() => cliOptions(['--verbose'], {})).toThrow();
  });

  it('DATABASE_URL / --database-url select PostgreSQL (flag wins); anything but postgres:// is refused', () => {
    expect(cliOptions([], {}).databaseUrl).toBeUndefined();
    expect(cliOptions([], { DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(cliOptions([], { DATABASE_URL: 'postgres://localhost/x' }).databaseUrl).toBe(
      'postgres://localhost/x',
    );
    expect(
      cliOptions(['--database-url', 'postgresql://db/y'], { DATABASE_URL: 'postgres://localhost/x' })
        .databaseUrl,
    ).toBe('postgresql://db/y');
    expect(() => cliOptions([], { DATABASE_URL: 'mysql://localhost/x' })).toThrow(
      '[ninetailed] invalid DATABASE_URL: expected postgres://user:password@host:port/database',
    );
  });

  it('--profile-rate-limit / PROFILE_RATE_LIMIT set or turn off the per-profile rate limit', () => {
    expect(cliOptions([], {}).profileRateLimit).toEqual({ perSecond: 100, burst: 1000 });
    expect(cliOptions([], { PROFILE_RATE_LIMIT: 'off' }).profileRateLimit).toBe(false);
    expect(
      cliOptions(['--profile-rate-limit', '5,20'], { PROFILE_RATE_LIMIT: 'off' }).profileRateLimit,
    ).toEqual({ perSecond: 5, burst: 20 });
    expect(() => cliOptions(['--profile-rate-limit', 'lots'], {})).toThrow(/invalid profile rate limit/);
  });

  it('--inspection forces the inspection endpoint on; by default the server decides by host', () => {
    expect(cliOptions(['--inspection'], {}).inspection).toBe(true);
    expect(cliOptions([], {}).inspection).toBeUndefined();
  });
});

describe('CLI process', () => {
  it('starts with env settings, binds 127.0.0.1, logs one JSON line per request', async () => {
    const dir = tempDir();
    const child = await startCli([], { DATABASE_FILE: join(dir, 'env.db') });
    expect(child.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const created = await request(`${child.url}/v2/organizations/demo/environments/main/profiles`, {
      method: 'POST',
      body: JSON.stringify({ events: [events.page('/')] }),
    });
    expect(created.status).toBe(200);
    await request(`${child.url}/nope`);
    const line = await child.waitForLine((e) => e.msg === 'request' && e.path === '/nope');
    expect(line).toMatchObject({ method: 'GET', status: 404, level: 'info' });
    expect(typeof line.ms).toBe('number');
    const listening = await child.waitForLine((e) => e.msg === 'listening');
    if (TEST_STORE === 'postgres')
      expect(listening.databaseUrl).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:/);
    else expect(listening.databaseFile).toBe(join(dir, 'env.db'));

    child.process.kill('SIGINT');
    expect(await child.exited).toBe(0);
    expect(await child.waitForLine((e) => e.msg === 'shutting down')).toMatchObject({ signal: 'SIGINT' });
  });

  it('uses EXPERIENCE_CONFIG', async () => {
    const dir = tempDir();
    const config = join(dir, 'acme.json');
    writeFileSync(
      config,
      JSON.stringify({ organizations: { acme: { environments: { prod: { audiences: [] } } } } }),
    );
    const child = await startCli(['--quiet'], {
      EXPERIENCE_CONFIG: config,
      DATABASE_FILE: join(dir, 'x.db'),
    });
    const body = JSON.stringify({ events: [events.page('/')] });
    const acme = await request(`${child.url}/v2/organizations/acme/environments/prod/profiles`, {
      method: 'POST',
      body,
    });
    expect(acme.status).toBe(200);
    const demo = await request(`${child.url}/v2/organizations/demo/environments/main/profiles`, {
      method: 'POST',
      body,
    });
    expect(demo.body.error.code).toBe('ERR_CONFIG_NOT_FOUND');
  });

  it('refuses a bad configuration at start, naming the bad path, with exit code 1', async () => {
    const dir = tempDir();
    const config = join(dir, 'bad.json');
    writeFileSync(
      config,
      JSON.stringify({
        organizations: {
          demo: {
            environments: { main: { audiences: [{ id: 'x', rule: { trait: { key: 'a', equals: 1 } } }] } },
          },
        },
      }),
    );
    const child = await spawnCli(['--config', config, '--database-file', join(dir, 'x.db')]);
    expect(await child.exited).toBe(1);
    expect(child.stderr).toContain(
      'organizations.demo.environments.main.audiences[0].rule.trait: unknown operator "equals"',
    );
  });

  it('prints help, and usage on a bad flag (exit 2)', async () => {
    const help = await spawnCli(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.stdout.join('\n')).toContain('--database-file');
    const bad = await spawnCli(['--port', 'x']);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr).toContain('invalid port');
  });
});
