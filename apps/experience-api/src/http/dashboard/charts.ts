import * as Plot from '@observablehq/plot';
import { rateInterval } from '../../domain/insights/statistics';
import { armLabel } from './format';
import type { ReportWithSeries } from './types';

type Experience = ReportWithSeries['experiences'][number];

const PALETTE = ['#64748b', '#2563eb', '#db2777', '#16a34a', '#ea580c', '#7c3aed', '#0891b2'];
const HOLDOUT_COLOR = '#a3a3a3';

/** The arms shown for an experience, with fixed colours: the holdout only when it has viewers. */
export function arms(experience: Experience): { key: number | 'holdout'; label: string; color: string }[] {
  const list: { key: number | 'holdout'; label: string; color: string }[] = experience.variants.map(
    (variant) => ({
      key: variant.variantIndex,
      label: armLabel(variant.variantIndex),
      color: PALETTE[variant.variantIndex % PALETTE.length] as string,
    }),
  );
  if (experience.holdout.viewers > 0 || experience.control === 'holdout') {
    list.push({ key: 'holdout', label: armLabel('holdout'), color: HOLDOUT_COLOR });
  }
  return list;
}

function viewersOf(experience: Experience, key: number | 'holdout'): number {
  if (key === 'holdout') return experience.holdout.viewers;
  return experience.variants.find((v) => v.variantIndex === key)?.viewers ?? 0;
}

function color(list: { label: string; color: string }[]) {
  return { domain: list.map((a) => a.label), range: list.map((a) => a.color) };
}

/** Bar chart: conversion rate per arm with its 95% Wilson interval (null when no arm has viewers). */
export function barChart(experience: Experience, width: number): SVGSVGElement | HTMLElement | null {
  const rows = arms(experience).flatMap((arm) => {
    const counts =
      arm.key === 'holdout'
        ? experience.holdout
        : experience.variants.find((v) => v.variantIndex === arm.key);
    if (counts === undefined || counts.conversionRate === null) return [];
    const interval = rateInterval(counts);
    return [{ label: arm.label, rate: counts.conversionRate, low: interval?.low, high: interval?.high }];
  });
  // Nobody saw it in the period: no axis of zeros (the caller says so in words).
  if (rows.length === 0) return null;
  return Plot.plot({
    width,
    height: 240,
    marginLeft: 48,
    marginTop: 28,
    style: { fontSize: '12px', background: 'transparent' },
    x: { label: null, domain: arms(experience).map((a) => a.label), padding: 0.35 },
    y: { label: 'Conversion rate (%)', percent: true, grid: true, nice: true, zero: true },
    color: color(arms(experience)),
    marks: [
      Plot.barY(rows, { x: 'label', y: 'rate', fill: 'label', rx: 3, title: (d) => d.label }),
      Plot.ruleX(rows, { x: 'label', y1: 'low', y2: 'high', stroke: '#111827', strokeWidth: 1.5 }),
      Plot.tickY(rows, { x: 'label', y: 'low', stroke: '#111827', inset: 14 }),
      Plot.tickY(rows, { x: 'label', y: 'high', stroke: '#111827', inset: 14 }),
      Plot.ruleY([0]),
    ],
  });
}

/** Line chart: daily conversion rate per arm (days without viewers leave a gap). */
export function lineChart(experience: Experience, width: number): SVGSVGElement | HTMLElement | null {
  const daily = experience.daily ?? [];
  // Arms nobody saw in the period have no line (and no legend entry).
  const list = arms(experience).filter((arm) => viewersOf(experience, arm.key) > 0);
  const rows = daily.flatMap((point) =>
    list.flatMap((arm) => {
      const counts =
        arm.key === 'holdout' ? point.holdout : point.variants.find((v) => v.variantIndex === arm.key);
      if (counts === undefined) return [];
      // NaN, not null: Plot draws null as 0 but leaves a gap for NaN.
      return [
        {
          date: new Date(`${point.date}T00:00:00Z`),
          label: arm.label,
          rate: counts.conversionRate ?? Number.NaN,
        },
      ];
    }),
  );
  if (!rows.some((row) => !Number.isNaN(row.rate))) return null;
  return Plot.plot({
    width,
    height: 240,
    marginLeft: 48,
    marginBottom: 36,
    style: { fontSize: '12px', background: 'transparent' },
    x: { type: 'utc', label: null },
    y: { label: 'Daily conversion rate (%)', percent: true, grid: true, nice: true, zero: true },
    color: { ...color(list), legend: true },
    marks: [
      Plot.lineY(rows, { x: 'date', y: 'rate', stroke: 'label', strokeWidth: 2 }),
      Plot.dot(
        rows.filter((row) => !Number.isNaN(row.rate)),
        { x: 'date', y: 'rate', fill: 'label', r: 2.5 },
      ),
      Plot.ruleY([0]),
    ],
  });
}
