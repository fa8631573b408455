/** One ```ts / ```tsx code block of a README. */
export interface Snippet {
  /** The README's path relative to the repository root, for messages. */
  readme: string;
  /** 1-based line of the opening fence in the README. */
  fenceLine: number;
  lang: 'ts' | 'tsx';
  /** The block's text, with the fence's indentation removed. */
  code: string;
}

/** The HTML comment that marks the next code block as a fragment that is not checked. */
export const FRAGMENT_MARKER = '<!-- snippet: fragment -->';

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/;

/**
 * Every ```ts and ```tsx block of a Markdown text, in order, except those whose fence is
 * preceded (on the previous non-empty line) by {@link FRAGMENT_MARKER}. Blocks of other
 * languages are skipped whole, so a ```ts line inside a ```md block is not a snippet.
 *
 * @example
 * const { snippets, fragments } = extractSnippets('README.md', readFileSync('README.md', 'utf8'));
 */
export function extractSnippets(
  readme: string,
  markdown: string,
): { snippets: Snippet[]; fragments: number } {
  const lines = markdown.split(/\r?\n/);
  const snippets: Snippet[] = [];
  let fragments = 0;
  let previous = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const open = FENCE.exec(line);
    if (!open) {
      if (line.trim() !== '') previous = line.trim();
      continue;
    }
    const [, indent = '', fence = '', lang = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const inner = lines[j] ?? '';
      if (inner.trim().startsWith(fence) && inner.trim().replace(/[`~]/g, '') === '') break;
      body.push(inner.startsWith(indent) ? inner.slice(indent.length) : inner.trimStart());
    }
    if (lang === 'ts' || lang === 'tsx') {
      if (previous === FRAGMENT_MARKER) fragments++;
      else snippets.push({ readme, fenceLine: i + 1, lang, code: body.join('\n') });
    }
    previous = '';
    i = j;
  }
  return { snippets, fragments };
}
