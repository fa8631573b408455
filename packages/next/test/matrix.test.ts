import { createRequire } from 'node:module';
import nextPackage from 'next/package.json';
import { version } from 'react';
import { describe, expect, it } from 'vitest';

// The Next side of the test matrix (vitest.config.ts): each project loads the Next major it
// claims, and Next's own modules get the React the tests render with (a second React copy would
// break every hook). test/reactVersion.test.tsx checks the React side.
describe('test matrix: Next', () => {
  it('loads the expected Next major', () => {
    expect(process.env.EXPECTED_NEXT_MAJOR).toMatch(/^(15|16)$/);
    expect(nextPackage.version.split('.')[0]).toBe(process.env.EXPECTED_NEXT_MAJOR);
  });

  it("gives Next's own modules that same React", async () => {
    const navigation = await import('next/navigation');
    const nextDir = process.env.EXPECTED_NEXT_MAJOR === '15' ? 'next-15' : 'next';
    const fromNext = createRequire(createRequire(import.meta.url).resolve(`${nextDir}/package.json`));
    expect(typeof navigation.usePathname).toBe('function');
    expect(fromNext('react').version).toBe(version);
  });
});
