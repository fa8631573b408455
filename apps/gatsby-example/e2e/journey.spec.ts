import {
  type ExperienceConfig,
  type LogEntry,
  type RunningServer,
  startTemporaryServer,
} from '@ninetailed/experience-api';
import { expect, type Page, test } from '@playwright/test';
import {
  componentEvents,
  demoExperience,
  demoExperiences,
  profileInVariant,
  readProfile,
  recordVariants,
  selectedIndex,
  statesOf,
  useProfileId,
  visibleSwaps,
  withoutComponentEvents,
} from '../../react-example/e2e/experienceChecks.ts';

// The audiences this suite relies on, in the format of experience-api.md section 7 (inline,
// so the assertions do not move when the demo configuration grows), and the demo
// configuration's experiences: the very definitions the site renders (src/data/experiences.ts
// imports the same config/demo.json).
const config: ExperienceConfig = {
  organizations: {
    demo: {
      environments: {
        main: {
          audiences: [
            {
              id: 'news-readers',
              name: 'Read 3+ news posts',
              rule: { page: { where: { category: 'news' }, count: { gte: 3 } } },
            },
            {
              id: 'cart-adders',
              name: 'Added to cart in the last 30 days',
              rule: { track: { event: 'add_to_cart', count: { gte: 1 }, withinDays: 30 } },
            },
            { id: 'red-fans', name: 'Likes red', rule: { trait: { key: 'favoriteColor', eq: 'red' } } },
            { id: 'returning', name: 'Returning visitors', rule: { session: { isReturningVisitor: true } } },
          ],
          experiences: demoExperiences,
        },
      },
    },
  },
};

/** An event as the local Experience API logged it (`server.events()`). */
type LoggedEvent = LogEntry;

const SITE = 'Ninetailed Gatsby example';
let api: RunningServer;
const browserErrors: string[] = [];
/** Uncaught exceptions and unhandled promise rejections of the page. */
const pageErrors: string[] = [];

test.beforeEach(async ({ page }) => {
  api = await startTemporaryServer({ config });
  // Read by src/ninetailed-plugins.ts before the site's code runs: this test's API.
  await page.addInitScript((url) => {
    (window as { __NINETAILED_EXAMPLE_CONFIG__?: unknown }).__NINETAILED_EXAMPLE_CONFIG__ = { url };
  }, api.url);
  browserErrors.length = 0;
  pageErrors.length = 0;
  page.on('pageerror', (error) => {
    browserErrors.push(error.message);
    pageErrors.push(error.message);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') browserErrors.push(message.text());
  });
});

test.afterEach(async () => {
  await api.close();
});

const received = (all = false): Promise<LoggedEvent[]> => api.events({ all });
/**
 * The page, track and identify events. The sticky `cta-test` experiment's CTA (home page and
 * shop) also sends a `component` event once it was 2 s in view, which depends on how long a step
 * takes: those are left out here and asserted in the experience tests.
 */
const receivedWithoutViews = async (all = false): Promise<LoggedEvent[]> =>
  withoutComponentEvents(await received(all));

/** One line per event: what the assertions compare (a page event with its title). */
function describeEvent({ event }: Pick<LoggedEvent, 'event'>): string {
  switch (event.type) {
    case 'page': {
      const {
        path: pagePath,
        category,
        title,
      } = event.properties as { path: string; category?: string; title: string };
      return `page ${pagePath}${category === undefined ? '' : ` category=${category}`} "${title}"`;
    }
    case 'track':
      return `track ${event.event} ${JSON.stringify(event.properties)}`;
    case 'identify':
      return `identify ${event.userId} ${JSON.stringify(event.traits)}`;
    default:
      return `${event.type} ${event.messageId}`;
  }
}

const audiences = (page: Page) => page.getByTestId('audiences').getByRole('listitem');
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

test('Gatsby <Link> navigation sends one page event per route, in order, and builds audiences', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page).toHaveTitle(`Home · ${SITE}`);
  await expect(page.getByTestId('profile-status')).toHaveText('success');
  await expect(audiences(page)).toHaveText(['none']);

  // Two news posts (the second through the post's own "Next in News" link).
  await page.getByRole('link', { name: 'EU passes the AI Act' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('EU passes the AI Act');
  await page.getByRole('link', { name: 'Central bank holds rates' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Central bank holds rates');
  // A tech post and two listings in between: none of them is a news read.
  await nav(page, 'Tech').click();
  await page.getByRole('link', { name: 'Personalization at the edge' }).click();
  await expect(page).toHaveTitle(`Personalization at the edge · ${SITE}`);
  await nav(page, 'News').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('News');
  await expect(audiences(page)).toHaveText(['none']);

  // The third news post: the visitor joins news-readers.
  await page.getByRole('link', { name: 'City approves new stadium' }).click();
  await expect(audiences(page)).toHaveText(['news-readers']);

  // Add to cart (track), enriched with the currency by the site's pluginsModule plugin.
  await nav(page, 'Shop').click();
  await page.getByRole('button', { name: 'Add Trail running shoes to cart' }).click();
  await expect(page.getByRole('status')).toHaveText('In your cart: Trail running shoes');
  await expect(audiences(page)).toHaveText(['news-readers', 'cart-adders']);

  // Sign in (identify with an alias and traits).
  await nav(page, 'Sign in').click();
  await expect(page.getByTestId('alias-note')).toBeVisible();
  await expect(page.getByTestId('alias-note')).toContainText('Do not use an email address');
  await page.getByLabel('User id (alias)').fill('user-42');
  await page.getByLabel('Name').fill('Ada');
  await page.getByLabel('Favourite colour').selectOption('red');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('status')).toHaveText('Signed in as user-42');
  await expect(audiences(page)).toHaveText(['news-readers', 'cart-adders', 'red-fans']);
  await expect(page.getByTestId('traits')).toContainText('"favoriteColor": "red"');
  await expect(page.getByTestId('session')).toContainText('Landing page/');
  await expect(page.getByTestId('session')).toContainText('Returning visitorno');

  // The browser's back button is a route update too.
  await page.goBack();
  await expect(page).toHaveTitle(`Shop · ${SITE}`);

  const expected = [
    `page / "Home · ${SITE}"`,
    `page /blog/ai-act-passes/ category=news "EU passes the AI Act · ${SITE}"`,
    `page /blog/rates-hold/ category=news "Central bank holds rates · ${SITE}"`,
    `page /category/tech/ "Tech · ${SITE}"`,
    `page /blog/edge-functions/ category=tech "Personalization at the edge · ${SITE}"`,
    `page /category/news/ "News · ${SITE}"`,
    `page /blog/new-stadium/ category=news "City approves new stadium · ${SITE}"`,
    `page /shop/ "Shop · ${SITE}"`,
    'track add_to_cart {"sku":"trail-shoes","price":129,"currency":"EUR"}',
    `page /sign-in/ "Sign in · ${SITE}"`,
    'identify user-42 {"name":"Ada","favoriteColor":"red"}',
    `page /shop/ "Shop · ${SITE}"`,
  ];
  await expect.poll(async () => (await receivedWithoutViews()).map(describeEvent)).toEqual(expected);

  const events = await receivedWithoutViews(true);
  // Nothing was sent twice (the API flags a repeated messageId as a duplicate).
  expect(events.filter((e) => e.duplicate)).toEqual([]);
  expect(new Set(events.map((e) => e.event.messageId)).size).toBe(expected.length);
  // One visitor throughout, and every page event's context agrees with its properties.
  expect(new Set(events.map((e) => e.profileId)).size).toBe(1);
  for (const { event } of events) {
    expect(event.context?.library?.name).toBe('@ninetailed/experience.js');
    if (event.type === 'page') expect(event.context?.page?.path).toBe(event.properties?.path);
  }
  expect(browserErrors).toEqual([]);
});

test('a deep link counts once with its category, a reload counts again, same visitor', async ({ page }) => {
  await page.goto('/blog/rates-hold/');
  await expect(page.getByTestId('profile-status')).toHaveText('success');
  const id = await page.getByTestId('profile-id').textContent();
  await page.reload();
  await expect(page.getByTestId('profile-id')).toHaveText(id ?? '');
  await expect
    .poll(async () => (await received()).map(describeEvent))
    .toEqual([
      `page /blog/rates-hold/ category=news "Central bank holds rates · ${SITE}"`,
      `page /blog/rates-hold/ category=news "Central bank holds rates · ${SITE}"`,
    ]);
  expect((await received()).map((e) => e.profileId)).toEqual([id, id]);
  expect(browserErrors).toEqual([]);
});

test('a refused event leaves no unhandled rejection in the page; the sign-in form shows the error', async ({
  page,
}) => {
  // The Experience API refuses every event (400 ERR_INVALID_DATA): the SDK drops them, reports
  // them through onError and resolves the calls with `{ success: false, error }` (v7's
  // FlushResult; never a rejection). identify() is awaited by the form, which shows the error.
  const refused: string[] = [];
  await page.route(`${api.url}/**`, async (route) => {
    const { events } = route.request().postDataJSON() as { events: Array<LoggedEvent['event']> };
    refused.push(...events.map((event) => describeEvent({ event })));
    await route.fulfill({
      status: 400,
      headers: { 'access-control-allow-origin': '*', 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Invalid event', data: {}, error: { code: 'ERR_INVALID_DATA' } }),
    });
  });
  await page.goto('/shop/');
  await expect(page.getByTestId('profile-status')).toHaveText('error');
  await page.getByRole('button', { name: 'Add Trail running shoes to cart' }).click();
  await expect(page.getByRole('status')).toHaveText('In your cart: Trail running shoes');
  await nav(page, 'Sign in').click();
  await page.getByLabel('User id (alias)').fill('user-42');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('[ninetailed]');
  await page.getByRole('button', { name: 'Reset profile' }).click();
  await nav(page, 'Home').click();
  await expect(page).toHaveTitle(`Home · ${SITE}`);
  await expect
    .poll(() => refused)
    .toEqual([
      `page /shop/ "Shop · ${SITE}"`,
      'track add_to_cart {"sku":"trail-shoes","price":129,"currency":"EUR"}',
      `page /sign-in/ "Sign in · ${SITE}"`,
      'identify user-42 {"name":"","favoriteColor":"blue"}',
      `page / "Home · ${SITE}"`,
    ]);
  // A round trip through the page after the last refusal, so any pending report has arrived.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  expect(pageErrors).toEqual([]);
  expect(await received()).toEqual([]);
});

// Experiences (issue 12): the hero of the home page is the personalization `news-hero`
// (audience news-readers), the CTA of the home page and the shop the sticky 50/50 experiment
// `cta-test` with the inline variable `cta-color`.
const newsHero = demoExperience('news-hero');
const ctaTest = demoExperience('cta-test');

/** The element `<Experience>` marks around the component with this test id. */
const slot = (page: Page, testId: string) =>
  page.locator('[data-nt-variant-index]', { has: page.getByTestId(testId) });

async function expectSlot(page: Page, testId: string, experienceId: string, index: number, entryId: string) {
  const marked = slot(page, testId);
  // Visible first: while the profile is unknown the (invisible) baseline has index 0 too.
  await expect(page.getByTestId(testId)).toBeVisible();
  await expect(marked).toHaveAttribute('data-nt-variant-index', String(index));
  await expect(marked).toHaveAttribute('data-nt-component-id', entryId);
  // Absent (not empty) outside any experience: polled, as the matchers above retry.
  await expect
    .poll(async () => (await marked.getAttribute('data-nt-experience-id')) ?? '')
    .toBe(experienceId);
}

const experienceItems = (page: Page) => page.getByTestId('experiences').getByRole('listitem');

test('the hero changes once the visitor reads 3 news posts; the CTA keeps the variant the API chose; nothing visibly swaps', async ({
  page,
}) => {
  const states = await recordVariants(page);
  await page.goto('/');
  await expect(page.getByTestId('profile-status')).toHaveText('success');
  await expectSlot(page, 'hero', '', 0, newsHero.entryIds[0]!);
  await expect(page.getByTestId('hero')).toContainText('Shown to every visitor');
  const id = (await page.getByTestId('profile-id').textContent()) ?? '';
  const ctaIndex = selectedIndex(await readProfile(api, id), 'cta-test');
  expect([0, 1]).toContain(ctaIndex);
  const ctaEntry = ctaTest.entryIds[ctaIndex!]!;
  await expectSlot(page, 'cta', 'cta-test', ctaIndex!, ctaEntry);
  await expect(experienceItems(page)).toHaveText([`cta-test → ${ctaIndex}`]);

  // Three news posts (the second and third through "Next in News"): the visitor joins news-readers.
  for (const post of ['EU passes the AI Act', 'Central bank holds rates', 'City approves new stadium']) {
    await page.getByRole('main').getByRole('link', { name: post }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(post);
  }
  await expect(audiences(page)).toHaveText(['news-readers']);
  await expect(experienceItems(page)).toHaveText(['news-hero → 1', `cta-test → ${ctaIndex}`]);
  await expect(page.getByTestId('changes')).toContainText(
    `cta-color = ${JSON.stringify(ctaTest.variableValues[ctaIndex!])}`,
  );

  // Home again (a new render of the page): the news hero, the same CTA, in the API's colour.
  await nav(page, 'Home').click();
  await expectSlot(page, 'hero', 'news-hero', 1, newsHero.entryIds[1]!);
  await expect(page.getByTestId('hero')).toContainText('Personalized for news-readers');
  const answer = await readProfile(api, id);
  expect(selectedIndex(answer, 'news-hero')).toBe(1);
  expect(selectedIndex(answer, 'cta-test')).toBe(ctaIndex);
  const color = answer.changes.find((c) => c.key === 'cta-color')?.value;
  expect(color).toBe(ctaTest.variableValues[ctaIndex!]);
  await expectSlot(page, 'cta', 'cta-test', ctaIndex!, ctaEntry);
  await expect(page.getByTestId('cta').getByRole('link')).toHaveAttribute('data-color', String(color));

  // Reloads (static HTML with the invisible baseline, then the cached profile): the same each time.
  for (let i = 0; i < 2; i++) {
    await page.reload();
    await expect(page.getByTestId('profile-from')).toHaveText(' (from api)');
    await expectSlot(page, 'hero', 'news-hero', 1, newsHero.entryIds[1]!);
    await expectSlot(page, 'cta', 'cta-test', ctaIndex!, ctaEntry);
  }
  await nav(page, 'Shop').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shop');
  await expectSlot(page, 'cta', 'cta-test', ctaIndex!, ctaEntry);

  // The CTA's view (2 s in view, sticky experiment) reached the API with the variant shown.
  const view = {
    profileId: id,
    componentType: 'Entry',
    componentId: ctaEntry,
    experienceId: 'cta-test',
    variantIndex: ctaIndex,
  };
  await expect.poll(async () => componentEvents(await received()), { timeout: 15_000 }).toContainEqual(view);
  for (const event of componentEvents(await received())) expect(event).toEqual(view);

  // No element showed one variant and then another; the recorder saw both heroes, each in its
  // own render (the baseline before the audience was joined, the variant after).
  expect(visibleSwaps(states)).toEqual([]);
  expect(statesOf(states, newsHero.entryIds[0]!).some((s) => s.visible)).toBe(true);
  expect(statesOf(states, newsHero.entryIds[1]!).some((s) => s.visible)).toBe(true);
  expect(browserErrors).toEqual([]);
});

for (const index of [0, 1]) {
  test(`a known visitor in CTA variant ${index}: invisible baseline in the static HTML, then that variant, the same after a reload`, async ({
    page,
  }) => {
    const id = await profileInVariant(api, 'cta-test', index);
    await useProfileId(page, id);
    const states = await recordVariants(page);
    await page.goto('/');
    await expectSlot(page, 'cta', 'cta-test', index, ctaTest.entryIds[index]!);
    await expect(page.getByTestId('cta').getByRole('link')).toHaveAttribute(
      'data-color',
      String(ctaTest.variableValues[index]),
    );
    await expect(page.getByTestId('profile-id')).toHaveText(id);
    await expect(page.getByTestId('profile-from')).toHaveText(' (from api)');
    await page.reload();
    await expect(page.getByTestId('profile-from')).toHaveText(' (from api)');
    await expectSlot(page, 'cta', 'cta-test', index, ctaTest.entryIds[index]!);
    await expect
      .poll(async () => componentEvents(await received()), { timeout: 15_000 })
      .toContainEqual({
        profileId: id,
        componentType: 'Entry',
        componentId: ctaTest.entryIds[index],
        experienceId: 'cta-test',
        variantIndex: index,
      });

    // Each load starts from the static HTML: the CTA's baseline, invisible.
    for (const load of new Set(states.map((s) => s.load))) {
      const cta = statesOf(states, ctaTest.entryIds[0]!).filter((s) => s.load === load);
      expect(cta[0]).toMatchObject({ visible: false, componentId: ctaTest.entryIds[0] });
    }
    expect(visibleSwaps(states)).toEqual([]);
    expect(browserErrors).toEqual([]);
  });
}
