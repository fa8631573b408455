import { describe, expect, it } from 'vitest';
import type { DeliveryRow } from '../src/run/delivery';
import type { FirstPaintRow } from '../src/run/firstPaint';
import { judgeTargets, type Results, renderMarkdown } from '../src/run/report';
import { summarize } from '../src/run/stats';

describe('summarize', () => {
  it('gives min, median and max, the median of an even count being the mean of the middle two', () => {
    expect(summarize([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3, runs: [3, 1, 2] });
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
    expect(summarize([]).median).toBeNaN();
  });
});

const s = (...values: number[]) => summarize(values);

function delivery(scenario: string, sdk: 'ours' | 'v7', pct: number[], duplicates = 0): DeliveryRow {
  return {
    scenario,
    sdk,
    accepted: s(60),
    delivered: s(...pct.map((p) => (60 * p) / 100)),
    deliveredPct: s(...pct),
    duplicatesApplied: s(duplicates),
    duplicatesDropped: s(0),
    requests: s(5),
    faulted: s(2),
    settled: ['complete'],
    errors: [],
  };
}

const base: Omit<Results, 'targets'> = {
  date: '2026-01-01T00:00:00.000Z',
  durationSeconds: 1,
  machine: {
    cpu: 'cpu',
    cores: 2,
    memoryGb: 4,
    os: 'os',
    node: 'v20',
    chromium: null,
    loadBefore: 0,
    loadAfter: 0,
  },
  options: { runs: 1, deliveryRuns: 1, source: false, hotPathCalls: 10, v7HotRuns: 1, burstEvents: 10 },
  versions: { ours: 'ours', v7: 'v7' },
  notRun: [],
};

function paint(variant: FirstPaintRow['variant'], visible: number[], swaps = 0): FirstPaintRow {
  return {
    variant,
    visibleMs: s(...visible),
    paintedMs: s(...visible.map((v) => v + 20)),
    fcpMs: s(100),
    mountedMs: s(300),
    swaps,
    changedAfter: 0,
    missed: 0,
    otherProfile: 0,
    errors: [],
  };
}

describe('judgeTargets', () => {
  it('judges the core size ratio on min+gzip', () => {
    const bundle = (gzip: number, sdk: 'ours' | 'v7') => ({
      entry: 'core' as const,
      sdk,
      from: sdk,
      min: gzip * 2,
      gzip,
    });
    expect(judgeTargets({ ...base, bundle: [bundle(100, 'ours'), bundle(800, 'v7')] })[0]?.met).toBe(true);
    expect(judgeTargets({ ...base, bundle: [bundle(101, 'ours'), bundle(800, 'v7')] })[0]?.met).toBe(false);
  });

  it('asks for 100% delivery without applied duplicates only where v7 lost events', () => {
    const met = judgeTargets({
      ...base,
      delivery: [
        delivery('5xx', 'ours', [100, 100]),
        delivery('5xx', 'v7', [67, 67]),
        delivery('close', 'ours', [90, 100]),
        delivery('close', 'v7', [100, 100]),
      ],
    })[0];
    expect(met).toMatchObject({ met: true, measured: '1 of 1 scenarios (5xx ✔)' });
    const notMet = judgeTargets({
      ...base,
      delivery: [delivery('5xx', 'ours', [100, 100], 1), delivery('5xx', 'v7', [67, 67])],
    })[0];
    expect(notMet?.met).toBe(false);
  });

  it('reports zero useNinetailed() re-renders only when every run had none', () => {
    const render = (runs: number[]) => ({
      sdk: 'ours' as const,
      events: 100,
      ninetailedRenders: s(...runs),
      profileRenders: s(10),
      profileChanges: s(10),
      errors: [],
    });
    expect(judgeTargets({ ...base, render: [render([0, 0])] })[0]?.met).toBe(true);
    expect(judgeTargets({ ...base, render: [render([0, 1])] })[0]?.met).toBe(false);
  });
});

describe('judgeTargets: personalized first paint', () => {
  const target = (rows: FirstPaintRow[]) =>
    judgeTargets({ ...base, firstPaint: rows }).find((t) => t.name === 'personalized hero, first paint');

  it('is met when SSR shows the variant before client-only and v7 (medians), without a swap', () => {
    expect(target([paint('ssr', [200, 250]), paint('client', [400, 500]), paint('v7', [600])])).toMatchObject(
      {
        met: true,
        measured: expect.stringContaining('SSR 225.0 ms vs ours client-only 450.0 ms, v7 600.0 ms'),
      },
    );
  });

  it('is not met when SSR is not first, or when the SSR page swapped visibly', () => {
    expect(target([paint('ssr', [500]), paint('client', [400]), paint('v7', [600])])?.met).toBe(false);
    expect(target([paint('ssr', [200]), paint('client', [400]), paint('v7', [150])])?.met).toBe(false);
    expect(target([paint('ssr', [200], 1), paint('client', [400])])?.met).toBe(false);
  });

  it('is not judged without an SSR and a client-only measurement', () => {
    expect(target([paint('ssr', [200]), paint('v7', [600])])).toBeUndefined();
  });
});

describe('renderMarkdown', () => {
  it('writes the first paint table with ratios to SSR, swap counts, and the merge note', () => {
    const results = {
      ...base,
      firstPaint: [paint('ssr', [200]), paint('client', [400], 0), paint('v7', [600, 600], 2)],
      merged: [
        { suites: ['firstPaint'], date: '2026-01-02T00:00:00.000Z', runs: 1, loadBefore: 1, loadAfter: 2 },
      ],
    };
    const md = renderMarkdown({ ...results, targets: judgeTargets(results) });
    expect(md).toContain('| `hero-news` visible (first frame), ms | 200.0 | 400.0 | 600.0 | 2.0× | 3.0× |');
    expect(md).toContain('| runs with a visible swap (baseline shown first) | 0 of 1 | 0 of 1 | 2 of 2 |');
    expect(md).toContain('`pnpm bench --only firstPaint --merge`): firstPaint on 2026-01-02T00:00:00.000Z');
  });

  it('writes the machine, the date and a table per measurement that ran', () => {
    const results = { ...base, delivery: [delivery('5xx', 'ours', [100]), delivery('5xx', 'v7', [67])] };
    const md = renderMarkdown({ ...results, targets: judgeTargets(results) });
    expect(md).toContain('Run 2026-01-01T00:00:00.000Z');
    expect(md).toContain('2 × cpu');
    expect(md).toContain('| 30% 5xx | 60 / 60 (100–100%) | 40 / 60 (67–67%) |');
    expect(md).not.toContain('## Hot path');
  });
});
