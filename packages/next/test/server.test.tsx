// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as next from '../src';
import { FakeNinetailed } from './fakeNinetailed';

const srcDir = path.join(import.meta.dirname, '../src');

describe('on the server (no window)', () => {
  it('imports without touching the browser, and the core works as a no-op', async () => {
    expect(typeof window).toBe('undefined');
    const ninetailed = new next.Ninetailed({ clientId: 'demo' });
    await expect(ninetailed.page({ category: 'news' })).resolves.toEqual({ success: true });
  });

  it('renders the provider and its children, sends nothing and leaves the tracker to the browser', () => {
    const fake = new FakeNinetailed();
    const html = renderToString(
      <next.NinetailedProvider ninetailed={fake.asNinetailed} onRouteChange={() => ({ x: 1 })}>
        <next.PageProperties properties={{ category: 'news' }} />
        <h1>Post</h1>
      </next.NinetailedProvider>,
    );
    expect(html).toContain('<h1>Post</h1>');
    expect(fake.pages).toEqual([]);
  });
});

describe("'use client' boundaries", () => {
  const files = readdirSync(srcDir).filter((file) => /\.tsx?$/.test(file));
  const firstLine = (file: string) => readFileSync(path.join(srcDir, file), 'utf8').split('\n')[0];

  // Plain logic, and the barrel that server code imports (the core must run there).
  const plain = [
    'index.ts',
    'RouteTrackingOptions.ts',
    'decodeExperienceVariantsMap.ts',
    'NinetailedSsrPlugin.ts',
  ];

  it('keeps the barrel and the plain modules free of the directive', () => {
    for (const file of plain) expect(firstLine(file), file).not.toBe("'use client';");
  });

  it("marks every other module (they use React) with 'use client' on its first line", () => {
    const client = files.filter((file) => !plain.includes(file));
    expect(client.length).toBe(files.length - plain.length);
    expect(client).toContain('NinetailedProvider.tsx');
    for (const file of client) {
      expect(firstLine(file), file).toBe("'use client';");
      expect(readFileSync(path.join(srcDir, file), 'utf8'), file).toMatch(
        /from '(react|next\/[a-z/]+|\.\/use[A-Za-z]+)'/,
      );
    }
  });
});
