import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

import { chromiumLaunchOptions } from '../../../playwright.shared.ts';

/** The launch arguments every browser test in this repo uses (playwright.shared.ts). */
export const CHROMIUM_ARGS = chromiumLaunchOptions.args;

/**
 * Launches Debian's Chromium (or `CHROMIUM_PATH`) headless through playwright-core; resolves
 * `null` when there is no browser, so the browser benchmarks can be reported as not run.
 *
 * @example
 * ```ts
 * const browser = await launchChromium();
 * ```
 */
export async function launchChromium(): Promise<Browser | null> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return null;
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
