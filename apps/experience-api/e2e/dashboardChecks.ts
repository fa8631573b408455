/** Checks the Insights dashboard suites share: console errors, and the tables against a report. */
import { expect, type Page } from '@playwright/test';
import type { ReportWithSeries } from '../src/http/dashboard/types';

/** Console errors and uncaught exceptions of the page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const number = (text: string) =>
  Number(
    text
      .replace(/,/g, '')
      .replace(/\u2212/g, '-')
      .replace('%', ''),
  );

/** Every figure of every table, parsed back, equals the report (within the shown rounding). */
export async function expectTablesToEqual(page: Page, report: ReportWithSeries): Promise<void> {
  await expect(page.locator('section.experience')).toHaveCount(report.experiences.length);
  for (const experience of report.experiences) {
    const section = page.locator(`section.experience[data-experience-id="${experience.experienceId}"]`);
    await expect(section.locator('h2')).toHaveText(experience.experienceId);
    for (const variant of experience.variants) {
      const row = section.locator(`tr[data-arm="${variant.variantIndex}"]`);
      const cell = async (field: string) =>
        (await row.locator(`[data-field="${field}"]`).textContent()) ?? '';
      expect(number(await cell('viewers'))).toBe(variant.viewers);
      expect(number(await cell('conversions'))).toBe(variant.conversions);
      const rate = await cell('conversionRate');
      if (variant.conversionRate === null) expect(rate).toBe('—');
      else expect(Math.abs(number(rate) / 100 - variant.conversionRate)).toBeLessThanOrEqual(0.00005 + 1e-12);
      const best = await cell('probabilityToBeBest');
      if (variant.probabilityToBeBest === null) expect(best).toBe('—');
      else
        expect(Math.abs(number(best) / 100 - variant.probabilityToBeBest)).toBeLessThanOrEqual(
          0.0005 + 1e-12,
        );
      const uplift = await cell('uplift');
      if (variant.uplift === null) {
        expect(['—', 'control']).toContain(uplift);
      } else {
        const shown = [...uplift.matchAll(/[+\u2212]\d+\.\d%/g)].map((m) => number(m[0]) / 100);
        const { value, low, high } = variant.uplift;
        expect(shown).toHaveLength(3);
        [value, low, high].forEach((want, i) => {
          expect(Math.abs((shown[i] as number) - want)).toBeLessThanOrEqual(0.0005 + 1e-12);
        });
      }
    }
    const holdout = section.locator('tr[data-arm="holdout"]');
    if (experience.control === 'holdout') {
      expect(number((await holdout.locator('[data-field="viewers"]').textContent()) ?? '')).toBe(
        experience.holdout.viewers,
      );
      expect(number((await holdout.locator('[data-field="conversions"]').textContent()) ?? '')).toBe(
        experience.holdout.conversions,
      );
    }
  }
}
