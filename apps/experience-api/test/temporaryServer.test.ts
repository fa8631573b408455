import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTemporaryServer } from '../src/index';
import { events } from './helpers';

describe('startTemporaryServer', () => {
  it('serves on 127.0.0.1 with a real database file, and close() removes its folder', async () => {
    const api = await startTemporaryServer();
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = events.page('/a');
    const answer = await fetch(`${api.url}/v2/organizations/demo/environments/main/profiles`, {
      method: 'POST',
      body: JSON.stringify({ events: [page] }),
    });
    expect(answer.status).toBe(200);
    expect(existsSync(api.databaseFile)).toBe(true);
    expect((await api.events()).map((entry) => entry.event.messageId)).toEqual([page.messageId]);
    await api.close();
    expect(existsSync(dirname(api.databaseFile))).toBe(false);
  });

  it('removes its folder when the server cannot start (a bad configuration)', async () => {
    const before = new Set(readdirSync(tmpdir()));
    await expect(startTemporaryServer({ config: { organizations: 3 } as never })).rejects.toThrow(
      /organizations/,
    );
    const left = readdirSync(tmpdir()).filter(
      (name) => name.startsWith('ninetailed-api-') && !before.has(name),
    );
    expect(left).toEqual([]);
  });
});
