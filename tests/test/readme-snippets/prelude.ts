/**
 * The prelude every README snippet sees: the app-specific names the READMEs use without
 * defining them (the reader's own component, CMS data, an element, a post), declared as an
 * ambient script (`snippet-prelude.d.ts` beside the snippets), so a snippet that defines the
 * same name (`export default function App`) simply shadows it.
 *
 * Only names that belong to the reader's app go here. A name a library exports (`createRoot`,
 * `useEffect`, `AppProps`, our own exports) never does: the snippet must import it, as a
 * reader pasting it would have to.
 */
export const SNIPPET_PRELUDE = `// Names the README snippets take from the reader's app (see tests/test/readme-snippets/prelude.ts).
/** The app's root component. */
declare function App(): import('react').ReactElement;
/** A Ninetailed instance the app created (core README: experiences after "Use it"). */
declare const ninetailed: import('@ninetailed/experience.js').Ninetailed;
/** Experience entries fetched from the CMS, in v7's plain shape. */
declare const cmsEntries: import('@ninetailed/experience.js').ExperienceInput[];
/** The element that shows the hero. */
declare const heroElement: Element;
/** A blog post and a product the page renders. */
declare const post: { category: string };
declare const product: { category: string };
`;
