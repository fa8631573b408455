export const SITE_TITLE = 'Ninetailed Gatsby example';

/** The document title of a page: what the page events carry as `title`. */
export const pageTitle = (name: string): string => `${name} · ${SITE_TITLE}`;
