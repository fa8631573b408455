import type { Page } from '@playwright/test';
import {
  componentEvents,
  demoExperience,
  profileInVariant,
  readProfile,
  recordVariants,
  selectedIndex,
  statesOf,
  useProfileId,
  visibleSwaps,
} from '../../react-example/e2e/experienceChecks.ts';
import { expect, test, warmUpDevRoutes } from './fixtures';

// Experiences (issue 12), from the demo configuration the test API runs with (the app builds its
// definitions from the same config/demo.json, src/lib/experiences.ts): the hero of `/` and
// `/legacy` is the personalization `news-hero` (audience news-readers); the CTA of `/`, `/shop`
// and `/legacy` is the sticky 50/50 experiment `cta-test` with the inline variable `cta-color`.
const newsHero = demoExperience('news-hero');
const ctaTest = demoExperience('cta-test');

const ROUTES = ['/', '/blog', '/blog/hello-news', '/shop', '/account', '/legacy'];
test.beforeAll(({ playwright }, testInfo) => warmUpDevRoutes(playwright, testInfo, ROUTES));

/** Console errors of the page (a hydration mismatch, a failed request, a React warning). */
let consoleErrors: string[] = [];
test.beforeEach(({ page }) => {
  consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
});

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

test('the hero changes once the visitor reads 3 news posts, in both routers; the CTA keeps the variant the API chose; nothing visibly swaps', async ({
  page,
  api,
}) => {
  const states = await recordVariants(page);
  await page.goto('/');
  await expect(page.getByTestId('profile-status')).toHaveText('success');
  await expectSlot(page, 'hero', '', 0, newsHero.entryIds[0]!);
  await expect(page.getByTestId('hero')).toContainText('Shown to every visitor');
  const id = (await page.getByTestId('profile-id').textContent()) ?? '';
  const ctaIndex = selectedIndex(await readProfile(api.server, id), 'cta-test');
  expect([0, 1]).toContain(ctaIndex);
  const ctaEntry = ctaTest.entryIds[ctaIndex!]!;
  await expectSlot(page, 'cta', 'cta-test', ctaIndex!, ctaEntry);
  await expect(experienceItems(page)).toHaveText([`cta-test → ${ctaIndex}`]);

  // Three news posts (client-side navigations): the visitor joins news-readers.
  await page.getByRole('link', { name: 'news posts' }).click();
  for (const post of ['Hello, news', 'Market news', 'Sports news']) {
    await page.getByRole('link', { name: post }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(post);
    await page.getByRole('link', { name: 'Back to the blog' }).click();
  }
  await expect(page.getByTestId('audiences')).toContainText('news-readers');
  await expect(experienceItems(page)).toHaveText(['news-hero → 1', `cta-test → ${ctaIndex}`]);
  await expect(page.getByTestId('changes')).toContainText(
    `cta-color = ${JSON.stringify(ctaTest.variableValues[ctaIndex!])}`,
  );

  // Home again (a new render of the page): the news hero, the same CTA, in the API's colour.
  await page.getByRole('link', { name: 'Home', exact: true }).click();
  await expectSlot(page, 'hero', 'news-hero', 1, newsHero.entryIds[1]!);
  await expect(page.getByTestId('hero')).toContainText('Personalized for news-readers');
  const answer = await readProfile(api.server, id);
  expect(selectedIndex(answer, 'news-hero')).toBe(1);
  expect(selectedIndex(answer, 'cta-test')).toBe(ctaIndex);
  const color = answer.changes.find((c) => c.key === 'cta-color')?.value;
  expect(color).toBe(ctaTest.variableValues[ctaIndex!]);
  await expectSlot(page, 'cta', 'cta-test', ctaIndex!, ctaEntry);
  await expect(page.getByTestId('cta').getByRole('link')).toHaveAttribute('data-color', String(color));

  // Reloads (server HTML with the invisible baseline, then the cached profile): the same each time.
  for (let i = 0; i < 2; i++) {
    await page.reload();
    await expect(page.getByTestId('profile-from')).toHaveText(' (from api)');
    await expectSlot(page, 'hero', 'news-hero', 1, newsHero.entryIds[1]!);
    await expectSlot(page, 'cta', 'cta-test', ctaIndex!, ctaEntry);
  }
  // The Pages Router (a full load): the same hero and CTA; then the App Router's shop.
  await page.getByRole('link', { name: 'Legacy catalogue', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Legacy catalogue (Pages Router)');
  await expect(page.getByTestId('profile-from')).toHaveText(' (from api)');
  await expectSlot(page, 'hero', 'news-hero', 1, newsHero.entryIds[1]!);
  await expectSlot(page, 'cta', 'cta-test', ctaIndex!, ctaEntry);
  await page.getByRole('link', { name: 'Shop', exact: true }).click();
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
  await expect
    .poll(async () => componentEvents(await api.events()), { timeout: 15_000 })
    .toContainEqual(view);
  for (const event of componentEvents(await api.events())) expect(event).toEqual(view);

  // No element showed one variant and then another; the recorder saw both heroes, each in its
  // own render (the baseline before the audience was joined, the variant after).
  expect(visibleSwaps(states)).toEqual([]);
  expect(statesOf(states, newsHero.entryIds[0]!).some((s) => s.visible)).toBe(true);
  expect(statesOf(states, newsHero.entryIds[1]!).some((s) => s.visible)).toBe(true);
  expect(consoleErrors).toEqual([]);
});

for (const index of [0, 1]) {
  test(`a known visitor in CTA variant ${index}: invisible baseline in the server HTML, then that variant, the same after a reload`, async ({
    page,
    api,
  }) => {
    const id = await profileInVariant(api.server, 'cta-test', index);
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
      .poll(async () => componentEvents(await api.events()), { timeout: 15_000 })
      .toContainEqual({
        profileId: id,
        componentType: 'Entry',
        componentId: ctaTest.entryIds[index],
        experienceId: 'cta-test',
        variantIndex: index,
      });

    // Each load starts from the server's HTML: the CTA's baseline, invisible.
    for (const load of new Set(states.map((s) => s.load))) {
      const cta = statesOf(states, ctaTest.entryIds[0]!).filter((s) => s.load === load);
      expect(cta[0]).toMatchObject({ visible: false, componentId: ctaTest.entryIds[0] });
    }
    expect(visibleSwaps(states)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
}
