import type { RunningServer } from '@ninetailed/experience-api';
import { interleave, type Lab, openPage } from './lab';
import { type Summary, summarize } from './stats';

/** React render counts of one binding over N runs. */
export interface RenderRow {
  sdk: 'ours' | 'v7';
  events: number;
  /** Re-renders of the component that only calls `useNinetailed()` during the workload. */
  ninetailedRenders: Summary;
  /** Re-renders of the component that calls `useProfile()` (it should follow the profile). */
  profileRenders: Summary;
  /** Profile changes the `useProfile()` component saw (rounds whose trait arrived). */
  profileChanges: Summary;
  errors: string[];
}

/**
 * Render cost in React (production build, Chromium, local Experience API): mounts the
 * provider with two probe components, waits for the profile, then sends `rounds x perRound`
 * events through the functions `useNinetailed()` returned, each round ending with an
 * `identify` that changes the profile, and counts the probes' re-renders.
 *
 * @example
 * ```ts
 * const rows = await renderCount(lab, api, 10, 10); // 100 events, 10 profile changes
 * ```
 */
export async function renderCount(
  lab: Lab,
  api: RunningServer,
  rounds: number,
  perRound: number,
): Promise<RenderRow[]> {
  const sdks = ['ours', 'v7'] as const;
  const samples = new Map(
    sdks.map((sdk) => [
      sdk,
      {
        ninetailed: [] as number[],
        profile: [] as number[],
        changes: [] as number[],
        errors: [] as string[],
      },
    ]),
  );
  for (const { item: sdk, run } of interleave(sdks, lab.runs)) {
    const s = samples.get(sdk)!;
    const opened = await openPage(lab, sdk === 'ours' ? 'oursReact' : 'v7React', {
      api: api.url,
      timeout: 5000,
    });
    try {
      const ready = await opened.page.evaluate(() => window.__react.ready(5000));
      if (!ready) throw new Error(`[ninetailed] bench: ${sdk} React page had no profile after 5 s`);
      await opened.page.evaluate(() => window.__react.resetCounts());
      const seen = await opened.page.evaluate(([r, p]) => window.__react.workload(r, p), [
        rounds,
        perRound,
      ] as const);
      const counts = await opened.page.evaluate(() => ({ ...window.__react.counts }));
      s.ninetailed.push(counts.ninetailed);
      s.profile.push(counts.profile);
      s.changes.push(seen);
    } catch (error) {
      s.errors.push(String(error));
    } finally {
      s.errors.push(...opened.errors);
      await opened.close();
    }
    lab.log(`render: ${sdk} run ${run + 1}/${lab.runs}: useNinetailed re-renders ${s.ninetailed.at(-1)}`);
  }
  return sdks.map((sdk) => {
    const s = samples.get(sdk)!;
    return {
      sdk,
      events: rounds * perRound,
      ninetailedRenders: summarize(s.ninetailed),
      profileRenders: summarize(s.profile),
      profileChanges: summarize(s.changes),
      errors: [...new Set(s.errors)],
    };
  });
}
