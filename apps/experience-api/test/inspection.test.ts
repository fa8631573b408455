import { describe, expect, it } from 'vitest';
import { events, inspect, request, startTestServer } from './helpers';
import { rawRequest } from './rawHttp';

const LOG = '/__local/events?organization=demo&environment=main';

describe('inspection endpoints: loopback only, no wildcard CORS', () => {
  it('refuses a foreign Origin (403, no CORS header) and echoes a loopback one, never *', async () => {
    const api = await startTestServer();
    await api.post('/profiles', { events: [events.identify('erin', { email: 'erin@example.com' })] });
    const foreign = await request(`${api.url}${LOG}`, { headers: { Origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('ERR_FORBIDDEN');
    expect(JSON.stringify(foreign.body)).not.toContain('erin@example.com');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const local = await request(`${api.url}${LOG}`, { headers: { Origin: 'http://localhost:5173' } });
    expect(local.status).toBe(200);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(local.headers.get('vary')).toBe('Origin');

    const noOrigin = await inspect(api.url);
    expect(noOrigin.status).toBe(200);
    expect(noOrigin.headers.get('access-control-allow-origin')).toBeNull();
    expect((await request(`${api.url}/__local/health`)).status).toBe(200);
  });

  it('refuses the DELETE preflight of a foreign page, allows a loopback one', async () => {
    const api = await startTestServer();
    const preflight = (origin: string) =>
      fetch(`${api.url}${LOG}`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'DELETE' },
      });
    const foreign = await preflight('https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(foreign.headers.get('access-control-allow-methods')).toBeNull();
    const local = await preflight('http://127.0.0.1:8080');
    expect(local.status).toBe(204);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
    const cleared = await request(`${api.url}${LOG}`, {
      method: 'DELETE',
      headers: { Origin: 'https://evil.example' },
    });
    expect(cleared.status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding) and accepts loopback names', async () => {
    const api = await startTestServer();
    const port = new URL(api.url).port;
    const get = (host: string) =>
      rawRequest(api.url, `GET ${LOG} HTTP/1.1\r\nHost: ${host}\r\nConnection: close`);
    const rebound = await get(`evil.example:${port}`);
    expect(rebound.status).toBe(403);
    expect(rebound.body.error.code).toBe('ERR_FORBIDDEN');
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `app.localhost:${port}`]) {
      expect((await get(host)).status).toBe(200);
    }
    // Same origin through a loopback name is fine.
    const same = await rawRequest(
      api.url,
      `GET ${LOG} HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: http://localhost:${port}\r\nConnection: close`,
    );
    expect(same.status).toBe(200);
  });

  it('protocol endpoints keep their open CORS for any origin and host', async () => {
    const api = await startTestServer();
    const created = await api.post(
      '/profiles',
      { events: [events.page('/')] },
      {
        headers: { Origin: 'https://shop.example', 'Content-Type': 'text/plain' },
      },
    );
    expect(created.status).toBe(200);
    expect(created.headers.get('access-control-allow-origin')).toBe('*');
    const port = new URL(api.url).port;
    const viaName = await rawRequest(
      api.url,
      `GET /v2/organizations/demo/environments/main/profiles/${created.body.data.profile.id} HTTP/1.1\r\nHost: api.shop.example:${port}\r\nConnection: close`,
    );
    expect(viaName.status).toBe(200);
    expect(viaName.headers['access-control-allow-origin']).toBe('*');
  });
});
