import { render, screen } from '@testing-library/react';
import { useId, version } from 'react';
import { version as domVersion } from 'react-dom';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

/** Shows React's version and proves hooks run (a React copy mismatch would throw). */
function VersionProbe() {
  return <output>{`${version}:${useId().length > 0}`}</output>;
}

/**
 * The tests that prove a project of the React test matrix (see `reactMatrix.ts`) really runs
 * the React it claims (`EXPECTED_REACT_MAJOR`), so the matrix cannot silently run 19 twice.
 * Each binding calls it from a `reactVersion.test.tsx` of its own.
 *
 * @example
 * ```ts
 * import { describeReactVersion } from './reactVersionSuite';
 * describeReactVersion();
 * ```
 */
export function describeReactVersion(): void {
  const expectedMajor = process.env.EXPECTED_REACT_MAJOR;
  describe('React test matrix', () => {
    it('runs the expected React major in react, react-dom and react-dom/server', () => {
      expect(expectedMajor).toMatch(/^(18|19)$/);
      expect(version.split('.')[0]).toBe(expectedMajor);
      expect(domVersion.split('.')[0]).toBe(expectedMajor);
      expect(renderToString(<p>{version}</p>)).toBe(`<p>${version}</p>`);
    });

    it('renders through @testing-library/react with that same React (hooks work)', () => {
      render(<VersionProbe />);
      expect(screen.getByRole('status').textContent).toBe(`${version}:true`);
    });
  });
}
