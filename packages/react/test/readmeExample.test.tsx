import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Home } from './readmeExample';

// A path, not a URL object: jsdom's URL is not Node's.
const here = dirname(fileURLToPath(import.meta.url));

describe('the README example of experiences', () => {
  it('is the code of test/readmeExample.tsx, verbatim', () => {
    const readme = readFileSync(join(here, '../README.md'), 'utf8');
    const example = readFileSync(join(here, 'readmeExample.tsx'), 'utf8');
    expect(readme).toContain(
      `## Experiences: \`<Experience>\`, \`useExperience\`, \`useFlag\`, \`<MergeTag>\`\n\n\`\`\`tsx\n${example}\`\`\``,
    );
  });

  it('renders: the hero baseline invisibly, then visibly after experienceTimeout, with a warning', () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const { container } = render(<Home />);
      const wrapper = container.querySelector<HTMLElement>('[data-nt-component-id="hero-default"]');
      expect(wrapper?.style.visibility).toBe('hidden');
      expect(screen.getByRole('button').textContent).toBe('Sign up');
      act(() => vi.advanceTimersByTime(3000));
      expect(wrapper?.style.visibility).toBe('');
      expect(screen.getByRole('heading').textContent).toBe('Welcome');
      expect(screen.getByRole('heading').className).toBe('loud');
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_EXPERIENCE_TIMEOUT' }));
    } finally {
      vi.useRealTimers();
    }
  });
});
