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
} from './experienceChecks.ts';

// The audiences this suite relies on, in the format of experience-api.md section 7 (inline,
// so the assertions do not move when the demo configuration grows), and the demo
// configuration's experiences: the very definitions the app renders (src/experiences.ts
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

let api: RunningServer;
const browserErrors: string[] = [];
/** Uncaught exceptions and unhandled promise rejections of the page. */
const pageErrors: string[] = [];

test.beforeEach(async ({ page }) => {
  api = await startTemporaryServer({ config });
  // The runtime override read by src/config.ts: this test's API, same build.
  await page.addInitScript((url) => {
    (window as { __NINETAILED_EXAMPLE_CONFIG__?: unknown }).__NINETAILED_EXAMPLE_CONFIG__ = {
      url,
      clientId: 'demo',
      environment: 'main',
    };
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

const received = (): Promise<LoggedEvent[]> => api.events();
/**
 * The page, track and identify events. The sticky `cta-test` experiment's CTA (home page and
 * shop) also sends a `component` event once it was 2 s in view, which depends on how long a step
 * takes: those are left out here and asserted in the experience tests.
 */
const receivedWithoutViews = async (): Promise<LoggedEvent[]> => withoutComponentEvents(await received());

/** One line per event: what the assertions compare. */
function describeEvent({ event }: Pick<LoggedEvent, 'event'>): string {
  switch (event.type) {
    case 'page': {
      const { path: pagePath, category } = event.properties as { path: string; category?: string };
      return `page ${pagePath}${category === undefined ? '' : ` category=${category}`}`;
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

test('page, track, identify and reset reach the Experience API in order and build audiences', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Home · Ninetailed React example');
  await expect(page.getByTestId('profile-status')).toHaveText('success');
  await expect(audiences(page)).toHaveText(['none']);

  // Two news posts, then the shop.
  await page.getByRole('link', { name: 'Blog', exact: true }).click();
  await page.getByRole('link', { name: 'EU passes the AI Act' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('EU passes the AI Act');
  await page.getByRole('link', { name: 'Blog', exact: true }).click();
  await page.getByRole('link', { name: 'Central bank holds rates' }).click();
  await page.getByRole('link', { name: 'Shop' }).click();
  await page.getByRole('link', { name: 'Trail running shoes' }).click();
  await page.getByRole('button', { name: 'Add to cart' }).click();

  // The answer to add_to_cart also covers both news views (events are delivered in
  // order), so two news views are not yet news-readers.
  await expect(audiences(page)).toHaveText(['cart-adders']);

  // The third news view.
  await page.getByRole('link', { name: 'Blog', exact: true }).click();
  await page.getByRole('link', { name: 'City approves new stadium' }).click();
  await expect(audiences(page)).toHaveText(['news-readers', 'cart-adders']);

  // Sign in: identify with an alias and traits.
  await page.getByRole('link', { name: 'Sign in' }).click();
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
  const firstProfileId = await page.getByTestId('profile-id').textContent();

  // Reset: the visitor is forgotten; the next page view starts a fresh anonymous profile.
  await page.getByRole('button', { name: 'Reset profile' }).click();
  await expect(page.getByTestId('profile-status')).toHaveText('loading');
  await expect(page.getByTestId('audiences')).toHaveCount(0);
  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByTestId('profile-status')).toHaveText('success');
  await expect(audiences(page)).toHaveText(['none']);
  await expect(page.getByTestId('profile-id')).not.toHaveText(firstProfileId ?? '');

  const events = await receivedWithoutViews();
  expect(events.map(describeEvent)).toEqual([
    'page /',
    'page /blog',
    'page /blog/news/ai-act-passes category=news',
    'page /blog',
    'page /blog/news/rates-hold category=news',
    'page /products',
    'page /products/trail-shoes',
    'track add_to_cart {"sku":"trail-shoes","price":129,"currency":"EUR"}',
    'page /blog',
    'page /blog/news/new-stadium category=news',
    'page /sign-in',
    'identify user-42 {"name":"Ada","favoriteColor":"red"}',
    'page /',
  ]);

  // All but the last event belong to the first profile; the last starts a new one.
  const profileIds = events.map((e) => e.profileId);
  expect(new Set(profileIds.slice(0, -1))).toEqual(new Set([firstProfileId]));
  expect(profileIds.at(-1)).not.toBe(firstProfileId);
  // Every event is unique, read at call time, and says which SDK sent it.
  expect(new Set(events.map((e) => e.event.messageId)).size).toBe(events.length);
  for (const { event } of events) {
    expect(event.context?.library?.name).toBe('@ninetailed/experience.js');
    if (event.type === 'page') expect(event.context?.page?.path).toBe(event.properties?.path);
  }
  const titles = events.filter((e) => e.event.type === 'page').map((e) => e.event.properties?.title);
  expect(titles.slice(0, 3)).toEqual([
    'Home · Ninetailed React example',
    'Blog · Ninetailed React example',
    'EU passes the AI Act · Ninetailed React example',
  ]);
  expect(browserErrors).toEqual([]);
});

test("a reload keeps the visitor's profile and sends one page view per load", async ({ page }) => {
  await page.goto('/blog/news/rates-hold');
  await expect(page.getByTestId('profile-status')).toHaveText('success');
  const id = await page.getByTestId('profile-id').textContent();
  await page.reload();
  await expect(page.getByTestId('profile-id')).toHaveText(id ?? '');
  await expect(page.getByTestId('profile-from')).toHaveText(' (from api)');
  await expect
    .poll(async () => (await received()).map(describeEvent))
    .toEqual(['page /blog/news/rates-hold category=news', 'page /blog/news/rates-hold category=news']);
  // (A blog post has no experience: no component event can be among them.)
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
  await page.goto('/products/trail-shoes');
  await expect(page.getByTestId('profile-status')).toHaveText('error');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('In your cart: 1');
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('[ninetailed]');
  await page.getByRole('button', { name: 'Reset profile' }).click();
  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page).toHaveTitle('Home · Ninetailed React example');
  await expect
    .poll(() => refused)
    .toEqual([
      'page /products/trail-shoes',
      'track add_to_cart {"sku":"trail-shoes","price":129,"currency":"EUR"}',
      'page /sign-in',
      'identify user-42 {"name":"Ada","favoriteColor":"red"}',
      'page /',
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

test('the hero changes once the visitor reads 3 news posts; the CTA keeps the variant the API chose; nothing visibly swaps', async ({
  page,
}) => {
  const states = await recordVariants(page);
  await page.goto('/');
  await expect(page.getByTestId('profile-status')).toHaveText('success');
  // Not a news reader: the baseline hero, outside any experience.
  await expectSlot(page, 'hero', '', 0, newsHero.entryIds[0]!);
  await expect(page.getByTestId('hero')).toContainText('Personalization without the flicker');
  await expect(page.getByTestId('hero')).toContainText('Shown to every visitor');
  const id = (await page.getByTestId('profile-id').textContent()) ?? '';
  const first = await readProfile(api, id);
  const ctaIndex = selectedIndex(first, 'cta-test');
  expect([0, 1]).toContain(ctaIndex);
  await expectSlot(page, 'cta', 'cta-test', ctaIndex!, ctaTest.entryIds[ctaIndex!]!);
  await expect(page.getByTestId('experiences').getByRole('listitem')).toHaveText([`cta-test → ${ctaIndex}`]);

  // Three news posts: the visitor joins news-readers, the API selects news-hero.
  for (const title of ['EU passes the AI Act', 'Central bank holds rates', 'City approves new stadium']) {
    await page.getByRole('link', { name: 'Blog', exact: true }).click();
    await page.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  }
  await expect(audiences(page)).toHaveText(['news-readers']);
  await expect(page.getByTestId('experiences').getByRole('listitem')).toHaveText([
    'news-hero → 1',
    `cta-test → ${ctaIndex}`,
  ]);
  await expect(page.getByTestId('changes')).toContainText(
    `cta-color = ${JSON.stringify(ctaTest.variableValues[ctaIndex!])}`,
  );

  // Back home (a new render of the page): the news hero, the same CTA.
  await page.getByRole('link', { name: 'Home' }).click();
  await expectSlot(page, 'hero', 'news-hero', 1, newsHero.entryIds[1]!);
  await expect(page.getByTestId('hero')).toContainText('Welcome back, news reader');
  await expect(page.getByTestId('hero')).toContainText('Personalized for news-readers');
  const answer = await readProfile(api, id);
  expect(selectedIndex(answer, 'news-hero')).toBe(1);
  expect(selectedIndex(answer, 'cta-test')).toBe(ctaIndex);
  const color = answer.changes.find((c) => c.key === 'cta-color')?.value;
  expect(color).toBe(ctaTest.variableValues[ctaIndex!]);
  await expectSlot(page, 'cta', 'cta-test', ctaIndex!, ctaTest.entryIds[ctaIndex!]!);
  await expect(page.getByTestId('cta').getByRole('link')).toHaveAttribute('data-color', String(color));

  // Reloads (the cached profile renders first): the same hero and CTA each time.
  for (let i = 0; i < 2; i++) {
    await page.reload();
    await expect(page.getByTestId('profile-from')).toHaveText(' (from api)');
    await expectSlot(page, 'hero', 'news-hero', 1, newsHero.entryIds[1]!);
    await expectSlot(page, 'cta', 'cta-test', ctaIndex!, ctaTest.entryIds[ctaIndex!]!);
  }
  // The shop shows the same CTA.
  await page.getByRole('link', { name: 'Shop', exact: true }).click();
  await expectSlot(page, 'cta', 'cta-test', ctaIndex!, ctaTest.entryIds[ctaIndex!]!);

  // The CTA's view (2 s in view, sticky experiment) reached the API with the variant shown.
  await expect
    .poll(async () => componentEvents(await received()), { timeout: 15_000 })
    .toContainEqual({
      profileId: id,
      componentType: 'Entry',
      componentId: ctaTest.entryIds[ctaIndex!],
      experienceId: 'cta-test',
      variantIndex: ctaIndex,
    });
  for (const view of componentEvents(await received())) {
    expect(view).toMatchObject({ experienceId: 'cta-test', variantIndex: ctaIndex });
  }

  // No element showed one variant and then another: the recorder saw both heroes, each in its
  // own render (the baseline before the audience was joined, the variant after).
  expect(visibleSwaps(states)).toEqual([]);
  expect(statesOf(states, newsHero.entryIds[0]!).some((s) => s.visible)).toBe(true);
  expect(statesOf(states, newsHero.entryIds[1]!).some((s) => s.visible)).toBe(true);
  expect(browserErrors).toEqual([]);
});

for (const index of [0, 1]) {
  test(`a known visitor in CTA variant ${index}: invisible baseline, then that variant, the same after reloads`, async ({
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
    await page.reload();
    await expect(page.getByTestId('profile-from')).toHaveText(' (from api)');
    await expectSlot(page, 'cta', 'cta-test', index, ctaTest.entryIds[index]!);
    expect(selectedIndex(await readProfile(api, id), 'cta-test')).toBe(index);
    await expect
      .poll(async () => componentEvents(await received()), { timeout: 15_000 })
      .toContainEqual({
        profileId: id,
        componentType: 'Entry',
        componentId: ctaTest.entryIds[index],
        experienceId: 'cta-test',
        variantIndex: index,
      });

    // First load without a cached profile: the CTA was invisible until the API answered.
    const firstLoad = states[0]?.load;
    const cta = statesOf(states, ctaTest.entryIds[0]!).filter((s) => s.load === firstLoad);
    expect(cta[0]?.visible).toBe(false);
    expect(visibleSwaps(states)).toEqual([]);
    expect(browserErrors).toEqual([]);
  });
}
