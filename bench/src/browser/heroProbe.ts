/** What the probe saw, as `window.__hero` (times in ms from navigation start, `performance.now()`). */
export interface HeroObservation {
  /** The first frame (rAF timestamp) in which the variant's title was in a visible hero. */
  variantVisibleAt: number | null;
  /** The first frame in which the baseline's title was visible (a visible swap when the variant follows). */
  baselineVisibleAt: number | null;
  /** Element Timing's paint time of the hero title once it held the variant's text (Chromium). */
  variantPaintedAt: number | null;
  /** First contentful paint of the page. */
  firstContentfulPaint: number | null;
  /** DOM mutations of the shown hero (inside it, or attributes of it and its ancestors) after it showed. */
  mutationsAfterVisible: number;
  /** Frames after the variant showed in which it was no longer the visible hero. */
  framesLostAfterVisible: number;
  stop(): void;
}

declare global {
  interface Window {
    __hero: HeroObservation;
  }
}

/** What the probe needs: the titles to tell baseline and variant apart, and the visitor's stored id. */
export interface HeroProbeArgs {
  baselineTitle: string;
  variantTitle: string;
  /** The page's origin, where `storage` is written before any script runs. */
  origin: string;
  /** A returning visitor's localStorage entries (the profile id both SDKs read), set once. */
  storage: Record<string, string>;
}

/**
 * The page probe, installed with `context.addInitScript` before any page script (the same for
 * every variant): a rAF loop checks in every frame whether the hero (`[data-testid=hero]`)
 * shows the variant's or the baseline's title and is visible (`checkVisibility` with the
 * `visibility` and `opacity` properties: ours hides the baseline with `visibility: hidden`,
 * v7's default loading component with opacity); Element Timing and paint entries are recorded;
 * a MutationObserver counts changes of the shown hero after it showed. Self-contained: it
 * is serialized into the page.
 *
 * @example
 * ```ts
 * await context.addInitScript(installHeroProbe, { baselineTitle, variantTitle, origin, storage: {} });
 * ```
 */
export function installHeroProbe(args: HeroProbeArgs): void {
  if (location.origin !== args.origin) return;
  for (const [key, value] of Object.entries(args.storage)) {
    if (localStorage.getItem(key) === null) localStorage.setItem(key, value);
  }
  let running = true;
  let shown: Element | null = null;
  const seen: HeroObservation = {
    variantVisibleAt: null,
    baselineVisibleAt: null,
    variantPaintedAt: null,
    firstContentfulPaint: null,
    mutationsAfterVisible: 0,
    framesLostAfterVisible: 0,
    stop() {
      running = false;
      observer.disconnect();
      paints.disconnect();
    },
  };
  window.__hero = seen;

  const visibleHero = (): { element: Element; title: string } | null => {
    for (const element of document.querySelectorAll('[data-testid="hero"]')) {
      const title = element.querySelector('h1')?.textContent ?? '';
      if (element.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
        return { element, title };
    }
    return null;
  };
  const frame = (time: number) => {
    if (!running) return;
    const hero = visibleHero();
    if (hero?.title === args.baselineTitle && seen.baselineVisibleAt === null) seen.baselineVisibleAt = time;
    if (hero?.title === args.variantTitle && seen.variantVisibleAt === null) {
      seen.variantVisibleAt = time;
      shown = hero.element;
    } else if (shown && (hero?.element !== shown || hero.title !== args.variantTitle)) {
      seen.framesLostAfterVisible++;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  // Changes of the shown hero: inside it (its text, its children), or of its own or an
  // ancestor's attributes (a style that hides it). Other nodes of the page do not count (v7
  // restyles a hidden marker element beside the component).
  const observer = new MutationObserver((records) => {
    const hero = shown;
    if (!hero) return;
    for (const record of records)
      if (hero.contains(record.target) || (record.type === 'attributes' && record.target.contains(hero)))
        seen.mutationsAfterVisible++;
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });

  const paints = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.entryType === 'paint' && entry.name === 'first-contentful-paint')
        seen.firstContentfulPaint = entry.startTime;
      if (entry.entryType !== 'element') continue;
      const element = entry as PerformanceEntry & { renderTime: number; element: Element | null };
      if (seen.variantPaintedAt === null && element.element?.textContent === args.variantTitle)
        seen.variantPaintedAt = element.renderTime || entry.startTime;
    }
  });
  for (const type of ['paint', 'element']) paints.observe({ type, buffered: true });
}
