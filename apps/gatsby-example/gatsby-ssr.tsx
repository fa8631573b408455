import type { GatsbySSR } from 'gatsby';

// An empty icon, so browsers do not ask for /favicon.ico (a 404 in the console).
export const onRenderBody: GatsbySSR['onRenderBody'] = ({ setHeadComponents, setHtmlAttributes }) => {
  setHtmlAttributes({ lang: 'en' });
  setHeadComponents([<link key="icon" rel="icon" href="data:," />]);
};
