import { render, screen } from '@testing-library/react';
import { useId, version } from 'react';
import { version as domVersion } from 'react-dom';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

// The React tests (*.test.tsx) run under React 19 and React 18 (see vitest.config.ts).
// This file proves each project really runs the React it claims.
const expectedMajor = process.env.EXPECTED_REACT_MAJOR;

const Probe = () => <output>{`${version}:${useId().length > 0}`}</output>;

describe('React test matrix', () => {
  it('runs the expected React major in react, react-dom and react-dom/server', () => {
    expect(expectedMajor).toMatch(/^(18|19)$/);
    expect(version.split('.')[0]).toBe(expectedMajor);
    expect(domVersion.split('.')[0]).toBe(expectedMajor);
    expect(renderToString(<p>{version}</p>)).toBe(`<p>${version}</p>`);
  });

  it('renders through @testing-library/react with that same React', () => {
    render(<Probe />);
    expect(screen.getByRole('status').textContent).toBe(`${version}:true`);
  });
});
