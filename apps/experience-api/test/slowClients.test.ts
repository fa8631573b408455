import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { events, request, startTestServer } from './helpers';
import { closed, openSocket, rawRequest, readAnswer } from './rawHttp';

const PATH = '/v2/organizations/demo/environments/main/profiles';

function expectEnvelope(
  answer: { status: number; headers: Record<string, string>; body: unknown },
  status: number,
  code: string,
) {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({ message: expect.any(String), data: {}, error: { code } });
  expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(answer.headers['access-control-allow-origin']).toBe('*');
}

describe('slow and greedy clients', () => {
  it('a body that never ends is answered 408 (envelope, CORS) once the request timeout passes', async () => {
    const api = await startTestServer({ http: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    const started = Date.now();
    const socket = openSocket(
      api.url,
      `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{"events": [`,
    );
    const answer = await readAnswer(socket);
    expectEnvelope(answer, 408, 'ERR_REQUEST_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(5_000);
    await closed(socket);
    expect((await api.post('/profiles', { events: [events.page('/')] })).status).toBe(200);
  });

  it('headers that never end are answered 408 after the headers timeout', async () => {
    const api = await startTestServer({ http: { headersTimeoutMs: 300, requestTimeoutMs: 5_000 } });
    const socket = openSocket(api.url, `GET /__local/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a`);
    expectEnvelope(await readAnswer(socket), 408, 'ERR_REQUEST_TIMEOUT');
  });

  it('Expect: 100-continue with an oversized Content-Length gets 413 at once, without sending the body', async () => {
    const api = await startTestServer();
    const socket = openSocket(
      api.url,
      `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${50 * 1024 * 1024}\r\nExpect: 100-continue\r\n\r\n`,
    );
    const answer = await readAnswer(socket);
    expectEnvelope(answer, 413, 'ERR_PAYLOAD_TOO_LARGE');
    expect(answer.headers.connection).toBe('close');
    await closed(socket);

    const body = JSON.stringify({ events: [events.page('/')] });
    const small = await rawRequest(
      api.url,
      `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\nConnection: close`,
      body,
    );
    expect(small.status).toBe(200);
  });

  it('caps the bytes of bodies held at once: past it 503 ERR_SERVER_BUSY with Retry-After', async () => {
    const api = await startTestServer({ http: { maxBufferedBytes: 1500 } });
    const stalled = openSocket(
      api.url,
      `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3000\r\n\r\n${'x'.repeat(1000)}`,
    );
    while ((await request(`${api.url}/__local/health`)).body.data.inFlight < 2);
    const body = JSON.stringify({ events: [events.page('/', { pad: 'y'.repeat(600) })] });
    const busy = await rawRequest(
      api.url,
      `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close`,
      body,
    );
    expectEnvelope(busy, 503, 'ERR_SERVER_BUSY');
    expect(busy.headers['retry-after']).toBe('1');
    stalled.destroy();
    await closed(stalled);
    // The stalled body's bytes are released: the same request now passes.
    await expect.poll(async () => (await api.post('/profiles', body)).status).toBe(200);
  });

  it('caps open connections', async () => {
    const api = await startTestServer({ http: { maxConnections: 2 } });
    const held = [openSocket(api.url, ''), openSocket(api.url, '')];
    await Promise.all(held.map((socket) => once(socket, 'connect')));
    const third = openSocket(api.url, 'GET /__local/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await closed(third);
    expect(third.bytesRead).toBe(0);
    for (const socket of held) socket.destroy();
    await expect
      .poll(async () => (await request(`${api.url}/__local/health`).catch(() => ({ status: 0 }))).status)
      .toBe(200);
  });
});

describe("answers of Node's parser carry the envelope and CORS", () => {
  it('a malformed Content-Length answers 400 ERR_INVALID_DATA', async () => {
    const api = await startTestServer();
    const answer = await rawRequest(
      api.url,
      `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc`,
    );
    expectEnvelope(answer, 400, 'ERR_INVALID_DATA');
    expect(answer.body.message).toMatch(/Content-Length/);
  });

  it('headers over the size limit answer 431 ERR_HEADERS_TOO_LARGE', async () => {
    const api = await startTestServer();
    const answer = await rawRequest(
      api.url,
      `GET /__local/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}`,
    );
    expectEnvelope(answer, 431, 'ERR_HEADERS_TOO_LARGE');
  });

  it('404 and 405 messages cut the client path to 64 characters', async () => {
    const api = await startTestServer();
    const long = `/${'a'.repeat(15_000)}`;
    const missing = await request(`${api.url}${long}`);
    expect(missing.status).toBe(404);
    expect(missing.body.message.length).toBeLessThan(120);
    const wrong = await request(`${api.url}${PATH}/${'b'.repeat(15_000)}`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.body.message.length).toBeLessThan(160);
  });
});
