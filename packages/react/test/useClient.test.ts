// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// `'use client'` must open every React module (the provider, the hooks, the context), so a
// Next server component can render them as client components; the barrel must not carry it,
// or the core it re-exports would turn into client references on the server. The build keeps
// each file's directive (per-file output) and scripts/checkDist.mjs checks dist/ the same way.
const srcDir = new URL('../src/', import.meta.url);
const directive = /^\s*['"]use client['"];?/;
const modules = readdirSync(srcDir).filter((file) => /\.tsx?$/.test(file));

describe("'use client'", () => {
  it('opens every client module of src/', () => {
    const clients = modules.filter((file) => file !== 'index.ts');
    expect(clients.sort()).toEqual([
      'ESR.tsx',
      'Experience.tsx',
      'ExperienceGate.ts',
      'MergeTag.tsx',
      'NinetailedContext.ts',
      'NinetailedProvider.tsx',
      'createPageTracker.ts',
      'serverProfileState.ts',
      'useExperience.ts',
      'useFlag.ts',
      'useNinetailed.ts',
      'usePageTracking.ts',
      'useProfile.ts',
      'waitForTitle.ts',
    ]);
    const missing = clients.filter((file) => !directive.test(readFileSync(new URL(file, srcDir), 'utf8')));
    expect(missing).toEqual([]);
  });

  it('is absent from the barrel (index.ts), which also re-exports the core for server code', () => {
    const index = readFileSync(new URL('index.ts', srcDir), 'utf8');
    // No line of it is the directive (comments may mention it).
    expect(index).not.toMatch(/^\s*['"]use client['"]/m);
  });
});
