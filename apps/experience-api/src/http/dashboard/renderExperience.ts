import { barChart, lineChart } from './charts';
import { armLabel, count, percent, signedPercent } from './format';
import type { ReportWithSeries } from './types';

type Experience = ReportWithSeries['experiences'][number];

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function row(key: string, cells: { field: string; text: string }[], isControl: boolean): HTMLTableRowElement {
  const tr = element('tr', { 'data-arm': key });
  if (isControl) tr.classList.add('control');
  for (const cell of cells) {
    const td = element(cell.field === 'arm' ? 'th' : 'td', { 'data-field': cell.field }, cell.text);
    if (cell.field === 'arm') td.setAttribute('scope', 'row');
    tr.append(td);
  }
  return tr;
}

function table(experience: Experience): HTMLTableElement {
  const result = element('table', { class: 'numbers' });
  const head = element('tr');
  for (const title of [
    '',
    'Viewers',
    'Conversions',
    'Conversion rate',
    'Uplift (95% interval)',
    'Chance to be best',
  ]) {
    head.append(element('th', { scope: 'col' }, title));
  }
  result.append(element('thead'), element('tbody'));
  result.tHead?.append(head);
  const body = result.tBodies[0] as HTMLTableSectionElement;
  for (const variant of experience.variants) {
    const isControl = experience.control === 'baseline' && variant.variantIndex === 0;
    const upliftText =
      variant.uplift === null
        ? isControl
          ? 'control'
          : '—'
        : `${signedPercent(variant.uplift.value)} (${signedPercent(variant.uplift.low)} to ${signedPercent(variant.uplift.high)})`;
    body.append(
      row(
        String(variant.variantIndex),
        [
          { field: 'arm', text: armLabel(variant.variantIndex) },
          { field: 'viewers', text: count(variant.viewers) },
          { field: 'conversions', text: count(variant.conversions) },
          { field: 'conversionRate', text: percent(variant.conversionRate) },
          { field: 'uplift', text: upliftText },
          { field: 'probabilityToBeBest', text: percent(variant.probabilityToBeBest, 1) },
        ],
        isControl,
      ),
    );
  }
  if (experience.control === 'holdout' || experience.holdout.viewers > 0) {
    const isControl = experience.control === 'holdout';
    body.append(
      row(
        'holdout',
        [
          { field: 'arm', text: armLabel('holdout') },
          { field: 'viewers', text: count(experience.holdout.viewers) },
          { field: 'conversions', text: count(experience.holdout.conversions) },
          { field: 'conversionRate', text: percent(experience.holdout.conversionRate) },
          { field: 'uplift', text: isControl ? 'control' : '—' },
          { field: 'probabilityToBeBest', text: '—' },
        ],
        isControl,
      ),
    );
  }
  return result;
}

/** One experience's card: title, bar chart with intervals, daily line chart, the table. */
export function renderExperience(experience: Experience, width: number): HTMLElement {
  const section = element('section', { class: 'experience', 'data-experience-id': experience.experienceId });
  const header = element('header');
  header.append(
    element('h2', {}, experience.experienceId),
    element(
      'span',
      { class: 'badge' },
      experience.type === 'nt_experiment' ? 'Experiment' : 'Personalization',
    ),
    element(
      'span',
      { class: 'meta' },
      `compared with the ${experience.control === 'baseline' ? 'baseline' : 'holdout'}`,
    ),
  );
  const charts = element('div', { class: 'charts' });
  const chartWidth = Math.max(280, Math.floor((width - 24) / 2));
  const bars = element('figure', { class: 'bar-chart' });
  bars.append(
    element('figcaption', {}, 'Conversion rate, 95% interval'),
    barChart(experience, chartWidth) ?? element('p', { class: 'empty' }, 'No viewers in this period.'),
  );
  const lines = element('figure', { class: 'line-chart' });
  const line = lineChart(experience, chartWidth);
  lines.append(
    element('figcaption', {}, 'Daily conversion rate'),
    line ?? element('p', { class: 'empty' }, 'No daily data in this period.'),
  );
  charts.append(bars, lines);
  section.append(header, charts, table(experience));
  return section;
}
