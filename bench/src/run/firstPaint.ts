import { NinetailedServer } from '@ninetailed/experience.js/server';
import type { RunningServer } from '@ninetailed/experience-api';
import { HERO_TITLES } from '../browser/heroApp';
import { installHeroProbe } from '../browser/heroProbe';
import { type HeroVariant, startHeroServer } from './heroServer';
import { interleave, type Lab } from './lab';
import { type Summary, summarize } from './stats';

/** Time to the personalized hero of one variant over N runs (ms from navigation start). */
export interface FirstPaintRow {
  variant: HeroVariant;
  /** First frame in which the `hero-news` title was visible. */
  visibleMs: Summary;
  /** Element Timing's paint of the title with the variant's text (where Chromium reported it). */
  paintedMs: Summary;
  /** First contentful paint. */
  fcpMs: Summary;
  /** The app's first effect (hydration or first mount done). */
  mountedMs: Summary;
  /** Runs in which the baseline was visible before the variant (a visible swap). */
  swaps: number;
  /** Runs in which the hero changed after the variant showed (DOM mutations or frames without it). */
  changedAfter: number;
  /** Runs in which the variant did not show within the timeout. */
  missed: number;
  /** Runs in which the browser ended up with another profile id than the returning visitor's. */
  otherProfile: number;
  errors: string[];
}

const NEWS_PAGES = 3;
const VARIANTS: readonly HeroVariant[] = ['ssr', 'client', 'v7'];

/**
 * Personalized first paint (Chromium, local Experience API): a returning visitor in the
 * `news-readers` audience (created first: 3 news page events) opens the hero app's page, in a
 * fresh context holding only their profile id (the `ntaid` cookie and the SDKs' stored id, no
 * cached profile); per variant (ours SSR, ours client-only, v7 client-side; runs interleaved)
 * the probe reports when the `hero-news` title became visible, and whether the baseline
 * showed first or the hero changed afterwards.
 *
 * @example
 * ```ts
 * const rows = await firstPaint(lab, scripts, api);
 * ```
 */
export async function firstPaint(
  lab: Lab,
  scripts: Map<string, string>,
  api: RunningServer,
): Promise<FirstPaintRow[]> {
  const hero = await startHeroServer(scripts, api.url);
  try {
    const visitor = await returningVisitor(api.url, hero.url);
    const samples = new Map(
      VARIANTS.map((variant) => [
        variant,
        {
          visible: [] as number[],
          painted: [] as number[],
          fcp: [] as number[],
          mounted: [] as number[],
          swaps: 0,
          changedAfter: 0,
          missed: 0,
          otherProfile: 0,
          errors: [] as string[],
        },
      ]),
    );
    for (const { item: variant, run } of interleave(VARIANTS, lab.runs)) {
      const s = samples.get(variant)!;
      const context = await lab.browser.newContext();
      try {
        await context.addCookies([{ name: 'ntaid', value: visitor, url: hero.url }]);
        // Both SDKs keep the id under this key, as a JSON string.
        await context.addInitScript(installHeroProbe, {
          baselineTitle: HERO_TITLES.baseline,
          variantTitle: HERO_TITLES.variant,
          origin: hero.url,
          storage: { __nt_anonymous_id__: JSON.stringify(visitor) },
        });
        const page = await context.newPage();
        page.on('pageerror', (error) => s.errors.push(error.message));
        await page.goto(hero.pageUrl(variant));
        const shown = await page
          .waitForFunction(() => window.__hero.variantVisibleAt !== null, null, { timeout: 10_000 })
          .then(
            () => true,
            () => false,
          );
        // Let the page event and its answer land: a swap after hydration would happen then.
        await page.waitForLoadState('networkidle');
        await page.evaluate(
          () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))),
        );
        const seen = await page.evaluate(() => {
          window.__hero.stop();
          const { stop: _stop, ...observed } = window.__hero;
          return {
            ...observed,
            mountedAt: window.__heroApp?.mountedAt ?? null,
            storedId: localStorage.getItem('__nt_anonymous_id__'),
          };
        });
        if (!shown || seen.variantVisibleAt === null) s.missed++;
        else s.visible.push(seen.variantVisibleAt);
        if (seen.variantPaintedAt !== null) s.painted.push(seen.variantPaintedAt);
        if (seen.firstContentfulPaint !== null) s.fcp.push(seen.firstContentfulPaint);
        if (seen.mountedAt !== null) s.mounted.push(seen.mountedAt);
        if (seen.baselineVisibleAt !== null) s.swaps++;
        if (seen.mutationsAfterVisible > 0 || seen.framesLostAfterVisible > 0) s.changedAfter++;
        if (seen.storedId !== JSON.stringify(visitor)) s.otherProfile++;
      } catch (error) {
        s.errors.push(String(error));
      } finally {
        await context.close();
      }
      lab.log(
        `first paint: ${variant} run ${run + 1}/${lab.runs}: hero-news visible at ${s.visible.at(-1)?.toFixed(1) ?? 'n/a'} ms`,
      );
    }
    if (hero.failures.length) samples.get('ssr')!.errors.push(...hero.failures);
    return VARIANTS.map((variant) => {
      const s = samples.get(variant)!;
      return {
        variant,
        visibleMs: summarize(s.visible),
        paintedMs: summarize(s.painted),
        fcpMs: summarize(s.fcp),
        mountedMs: summarize(s.mounted),
        swaps: s.swaps,
        changedAfter: s.changedAfter,
        missed: s.missed,
        otherProfile: s.otherProfile,
        errors: [...new Set(s.errors)],
      };
    });
  } finally {
    await hero.close();
  }
}

/** Creates the returning visitor's profile (3 news page views, through the server client): its id. */
async function returningVisitor(api: string, site: string): Promise<string> {
  const ninetailed = new NinetailedServer({ clientId: 'demo', environment: 'main', url: api, retries: 0 });
  let id: string | undefined;
  let audiences: string[] = [];
  for (let i = 1; i <= NEWS_PAGES; i++) {
    const { profile } = await ninetailed.page(
      { category: 'news' },
      { profileId: id, context: { url: `${site}/news/${i}` } },
    );
    id = profile.id;
    audiences = profile.audiences;
  }
  if (!id || !audiences.includes('news-readers'))
    throw new Error(
      `[ninetailed] bench: the returning visitor is not in news-readers after ${NEWS_PAGES} news pages (audiences: ${audiences.join(', ')})`,
    );
  return id;
}
