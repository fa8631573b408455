import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCli } from './childServer';
import { events, onCleanup, request, tempDir } from './helpers';

describe('a closed log pipe', () => {
  it('never takes the API down: `experience-api | head -1`, then requests are still answered', async () => {
    const cli = await buildCli();
    const server = spawn(
      process.execPath,
      [cli, '--port', '0', '--database-file', join(tempDir(), 'api.db')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = once(server, 'exit');
    onCleanup(async () => {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGKILL');
        await exited;
      }
    });
    let stderr = '';
    server.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    // `head -1`: a reader that prints the first line and exits, closing the pipe's read end.
    const head = spawn(
      process.execPath,
      [
        '-e',
        "process.stdin.once('data', (c) => { process.stdout.write(String(c).split('\\n')[0]); process.exit(0); })",
      ],
      { stdio: [server.stdout ?? 'ignore', 'pipe', 'inherit'] },
    );
    server.stdout?.destroy();
    let first = '';
    head.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      first += chunk;
    });
    await once(head, 'exit');
    const { url } = JSON.parse(first) as { url: string };

    const base = `${url}/v2/organizations/demo/environments/main`;
    for (let i = 0; i < 20; i++) {
      const answer = await request(`${base}/profiles`, {
        method: 'POST',
        body: JSON.stringify({ events: [events.page(`/${i}`)] }),
      });
      expect(answer.status).toBe(200);
    }
    expect((await request(`${url}/__local/health`)).status).toBe(200);
    expect(server.exitCode).toBeNull();
    expect(stderr).not.toMatch(/EPIPE/);
  });
});
