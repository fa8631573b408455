import { NinetailedServer } from '@ninetailed/experience.js-next/server';
import { type LogEntry, type RunningServer, startTemporaryServer } from '@ninetailed/experience-api';
import { test as base, expect, type Page } from '@playwright/test';
import { SSR_API_PORT } from '../playwright.config';
import { BUILT_IN_API, warmUpDevRoutes } from './fixtures';

// Server-side selection (issue 14): the proxy, getNinetailedProfile in the root layout,
// getServerSideNinetailedProfile (Pages Router) and the sign-up server action. The Next server
// sends to NINETAILED_API_URL (playwright.config.ts: a fixed port per project), so each test
// starts its Experience API on that port and routes the browser's requests (the built-in URL)
// to the same API: server and browser share one database, as in production.

interface SsrApi {
  server: RunningServer;
  events(): Promise<LogEntry[]>;
  /** A profile in the `news-readers` audience (three news page views), made server to server. */
  newsReader(): Promise<string>;
}

const test = base.extend<{ api: SsrApi; pageErrors: string[]; consoleProblems: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'uncaught exceptions in the page').toEqual([]);
    },
    { auto: true },
  ],
  // React reports a hydration mismatch on the console (dev: "Hydration failed ...", "did not
  // match"; prod: minified errors #418, #419, #423, #425).
  consoleProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        const text = message.text();
        if (/hydrat|did not match|#41[89]|#42[35]/i.test(text)) problems.push(`${message.type()}: ${text}`);
      });
      await use(problems);
      expect(problems, 'hydration warnings on the console').toEqual([]);
    },
    { auto: true },
  ],
  api: async ({ context }, use, testInfo) => {
    const port = SSR_API_PORT[testInfo.project.name as keyof typeof SSR_API_PORT];
    const server = await startTemporaryServer({ port });
    await context.route(
      (url) => url.origin === new URL(BUILT_IN_API).origin,
      (route) => {
        const url = new URL(route.request().url());
        return route.continue({ url: server.url + url.pathname + url.search });
      },
    );
    const ninetailed = new NinetailedServer({ clientId: 'demo', url: server.url });
    const newsReader = async () => {
      let profileId: string | undefined;
      for (const slug of ['a', 'b', 'c']) {
        const { profile } = await ninetailed.page(
          { category: 'news' },
          { profileId, context: { url: `/blog/${slug}` } },
        );
        profileId = profile.id;
      }
      return profileId!;
    };
    await use({ server, events: () => server.events(), newsReader });
    await server.close();
  },
});

test.beforeAll(async ({ playwright }, testInfo) => {
  await warmUpDevRoutes(playwright, testInfo, ['/', '/legacy', '/legacy/personalized', '/signup']);
});

/**
 * Before any script of the page runs: records every change of a `data-nt-variant-index` from
 * the server HTML on through hydration: an attribute changed, an element carrying one removed
 * (a client re-render after a hydration mismatch replaces the server's nodes), or added once
 * the parser is done (the parser's own insertions of the server HTML are not changes).
 */
async function watchVariants(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const changes: string[] = [];
    (window as unknown as { __variantChanges: string[] }).__variantChanges = changes;
    let parsed = false;
    document.addEventListener('DOMContentLoaded', () => {
      parsed = true;
    });
    const marked = (node: Node) =>
      node instanceof Element &&
      (node.hasAttribute('data-nt-variant-index') || !!node.querySelector('[data-nt-variant-index]'));
    const text = (node: Node) => (node as Element).outerHTML.slice(0, 100);
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes') {
          const element = record.target as Element;
          changes.push(
            `${element.getAttribute('data-nt-component-id')}: ${record.oldValue} -> ${element.getAttribute('data-nt-variant-index')}`,
          );
        }
        for (const node of record.removedNodes) if (marked(node)) changes.push(`removed ${text(node)}`);
        if (parsed)
          for (const node of record.addedNodes) if (marked(node)) changes.push(`added ${text(node)}`);
      }
    }).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeOldValue: true,
      attributeFilter: ['data-nt-variant-index'],
    });
  });
}

const variantChanges = (page: Page) =>
  page.evaluate(() => (window as unknown as { __variantChanges: string[] }).__variantChanges);

/** The wrapper `<div ... data-nt-component-id="id" ...>` of the raw HTML, or `undefined`. */
const wrapperOf = (html: string, componentId: string) =>
  html.match(new RegExp(`<div[^>]*data-nt-component-id="${componentId}"[^>]*>`))?.[0];

const pageEvents = (events: LogEntry[], profileId: string) =>
  events.filter((entry) => entry.profileId === profileId && entry.event.type === 'page');

test('a returning news reader gets hero-news in the server HTML, kept through hydration, one page event', async ({
  page,
  context,
  api,
  baseURL,
}) => {
  const id = await api.newsReader();
  // The raw HTML, as a crawler or the browser's first byte sees it.
  const html = await (await fetch(`${baseURL}/`, { headers: { cookie: `ntaid=${id}` } })).text();
  const wrapper = wrapperOf(html, 'hero-news');
  expect(wrapper, 'the hero-news variant in the server HTML').toBeDefined();
  expect(wrapper).toContain('data-nt-experience-id="news-hero"');
  expect(wrapper).toContain('data-nt-variant-index="1"');
  expect(wrapper).not.toContain('visibility');
  expect(html).toContain('Welcome back, news reader');
  expect(wrapperOf(html, 'hero-default')).toBeUndefined();

  await context.addCookies([{ name: 'ntaid', value: id, url: baseURL! }]);
  await watchVariants(page);
  const before = pageEvents(await api.events(), id).length;
  await page.goto('/');
  const hero = page.getByTestId('hero');
  await expect(hero).toContainText('Welcome back, news reader');
  await expect(page.locator('[data-nt-component-id="hero-news"]')).toHaveAttribute(
    'data-nt-variant-index',
    '1',
  );
  // The browser's page event (after hydration) reaches the same profile, once.
  await expect.poll(async () => pageEvents(await api.events(), id).length).toBe(before + 1);
  expect(await page.evaluate(() => localStorage.getItem('__nt_anonymous_id__'))).toBe(JSON.stringify(id));
  await expect(hero).toContainText('Welcome back, news reader');
  expect(await variantChanges(page)).toEqual([]);
  expect(pageEvents(await api.events(), id)).toHaveLength(before + 1);
});

test('a first-time visitor: the cookie of the first response is the profile of every event, server and browser', async ({
  page,
  context,
  api,
}) => {
  await watchVariants(page);
  const response = await page.goto('/');
  const html = await response!.text();
  const setCookie = (await response!.headerValue('set-cookie')) ?? '';
  const id = /ntaid=([\w-]+)/.exec(setCookie)?.[1];
  expect(id, 'the first response sets ntaid').toBeDefined();
  // The server selected for that profile: the CTA experiment (everyone, 50/50) is in the HTML.
  const cta = /<div[^>]*data-nt-experience-id="cta-test"[^>]*data-nt-variant-index="(\d)"/.exec(html);
  expect(cta, 'the cta-test experience in the server HTML').not.toBeNull();
  await expect.poll(async () => pageEvents(await api.events(), id!).length).toBe(1);
  const events = await api.events();
  // One profile: the server's create (an identify without alias or traits) and the page event.
  expect(new Set(events.map((entry) => entry.profileId))).toEqual(new Set([id]));
  expect(events.map((entry) => entry.event.type)).toEqual(['identify', 'page']);
  expect(events[0]!.event).toMatchObject({ userId: '', traits: {} });
  expect((await context.cookies()).find((cookie) => cookie.name === 'ntaid')?.value).toBe(id);
  await expect(page.locator('[data-nt-experience-id="cta-test"]')).toHaveAttribute(
    'data-nt-variant-index',
    cta![1]!,
  );
  expect(await variantChanges(page)).toEqual([]);
});

test('a static route (Pages Router /legacy): the browser adopts the profile the proxy made', async ({
  page,
  context,
  api,
}) => {
  await page.goto('/legacy');
  const id = (await context.cookies()).find((cookie) => cookie.name === 'ntaid')?.value;
  expect(id).toBeDefined();
  await expect.poll(async () => pageEvents(await api.events(), id!).length).toBe(1);
  expect(new Set((await api.events()).map((entry) => entry.profileId))).toEqual(new Set([id]));
});

test('Pages Router getServerSideProps: the news reader variant in the server HTML, and after hydration', async ({
  page,
  context,
  api,
  baseURL,
}) => {
  const id = await api.newsReader();
  const html = await (
    await fetch(`${baseURL}/legacy/personalized`, { headers: { cookie: `ntaid=${id}` } })
  ).text();
  expect(wrapperOf(html, 'hero-news')).toContain('data-nt-variant-index="1"');
  await context.addCookies([{ name: 'ntaid', value: id, url: baseURL! }]);
  await watchVariants(page);
  await page.goto('/legacy/personalized');
  await expect.poll(async () => pageEvents(await api.events(), id).length).toBe(4);
  await expect(page.getByTestId('hero')).toContainText('Welcome back, news reader');
  expect(await variantChanges(page)).toEqual([]);
});

test('the sign-up server action tracks signup for the visitor the browser tracks', async ({
  page,
  context,
  api,
}) => {
  await page.goto('/signup');
  const id = (await context.cookies()).find((cookie) => cookie.name === 'ntaid')?.value;
  await expect.poll(async () => pageEvents(await api.events(), id!).length).toBe(1);
  await page.getByLabel('Plan').selectOption('pro');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByTestId('signup-done')).toHaveAttribute('data-profile-id', id!);
  const signups = (await api.events()).filter((entry) => entry.event.type === 'track');
  expect(signups).toHaveLength(1);
  expect(signups[0]).toMatchObject({
    profileId: id,
    event: { event: 'signup', properties: { plan: 'pro' } },
  });
});
