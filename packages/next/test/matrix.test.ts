import { createRequire } from 'node:module';
import nextPackage from 'next/package.json';
import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { describe, expect, it } from 'vitest';

// The test matrix (vitest.config.ts) runs the real-router tests with Next 16 and 15, React 19
// and 18. This proves each project loads the versions it claims, so it cannot silently run the
// same pair twice: from the tests, and from inside Next itself.
describe('test matrix', () => {
  it('loads the expected Next and React majors', () => {
    expect(nextPackage.version.split('.')[0]).toBe(process.env.EXPECTED_NEXT_MAJOR);
    expect(version.split('.')[0]).toBe(process.env.EXPECTED_REACT_MAJOR);
    expect(domVersion.split('.')[0]).toBe(process.env.EXPECTED_REACT_MAJOR);
  });

  it("gives Next's own modules that same React", async () => {
    const navigation = await import('next/navigation');
    const nextDir = process.env.EXPECTED_NEXT_MAJOR === '15' ? 'next-15' : 'next';
    const fromNext = createRequire(createRequire(import.meta.url).resolve(`${nextDir}/package.json`));
    expect(typeof navigation.usePathname).toBe('function');
    expect(fromNext('react').version).toBe(version);
  });
});
