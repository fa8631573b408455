import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running recorder. */
export interface Recorder {
  url: string;
  /** Events received (the `events` arrays of every request body), and requests. */
  counts(): { events: number; requests: number };
  reset(): void;
  close(): Promise<void>;
}

/**
 * A minimal Experience API on 127.0.0.1 for the timing benchmarks: it answers every profile
 * request at once with a valid profile (experience-api.md section 4) and only counts events,
 * so that the measured time is the SDK's, not the database's. CORS like the real server.
 *
 * @example
 * ```ts
 * const recorder = await startRecorder();
 * // ... SDK with url: recorder.url
 * recorder.counts().events;
 * ```
 */
export async function startRecorder(): Promise<Recorder> {
  let events = 0;
  let requests = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Content-Type',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    requests++;
    const match = /\/profiles(?:\/([^/?]+))?/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'not found', data: {}, error: { code: 'ERR_NOT_FOUND' } }));
      return;
    }
    if (req.method === 'POST') {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events?: unknown[] };
        events += body.events?.length ?? 0;
      } catch {}
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer(match[1] ? decodeURIComponent(match[1]) : randomUUID())));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts: () => ({ events, requests }),
    reset() {
      events = 0;
      requests = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function answer(id: string) {
  return {
    data: {
      profile: {
        id,
        stableId: id,
        random: 0.5,
        audiences: [],
        traits: {},
        location: {},
        session: {
          id: 'session-1',
          isReturningVisitor: false,
          landingPage: { path: '/', url: 'http://127.0.0.1/', query: {}, referrer: '', search: '' },
          count: 1,
          activeSessionLength: 0,
          averageSessionLength: 0,
        },
      },
      experiences: [],
      changes: [],
    },
    message: 'ok',
    error: null,
  };
}
