/**
 * The Insights dashboard (`GET /insights` on the local Experience API): reads
 * `?organization=&environment=&metric=&from=&to=` from its own URL, lists the metrics
 * (`GET /v2/organizations/{org}/environments/{env}/insights/metrics`), fetches the report with
 * its daily series (`GET …/insights/experiences?metric=&from=&to=&series=daily`) and draws,
 * per experience, the bar and line charts and the table. No framework; Observable Plot is
 * bundled (esbuild, `scripts/build-dashboard.mjs`), so the page works offline.
 */
import { dateInputValue } from './format';
import { renderExperience } from './renderExperience';
import type { Envelope, MetricsList, ReportWithSeries } from './types';

const DAY = 86_400_000;

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`[ninetailed] the dashboard page has no #${id}`);
  return node as T;
}

const params = new URL(window.location.href).searchParams;
const organization = params.get('organization') ?? '';
const environment = params.get('environment') ?? '';
const base = `/v2/organizations/${encodeURIComponent(organization)}/environments/${encodeURIComponent(environment)}/insights`;

const status = byId<HTMLParagraphElement>('status');
const form = byId<HTMLFormElement>('controls');
const metricSelect = byId<HTMLSelectElement>('metric');
const fromInput = byId<HTMLInputElement>('from');
const toInput = byId<HTMLInputElement>('to');
const list = byId<HTMLElement>('experiences');

function say(text: string, isError = false): void {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

async function getData<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  const body = (await response.json()) as Envelope<T>;
  if (!response.ok || body.data === null) {
    throw new Error(body.error?.message ?? body.message ?? `HTTP ${response.status}`);
  }
  return body.data;
}

/** The ISO query bounds of the picked UTC days (the `to` day included). */
function periodQuery(): URLSearchParams {
  const query = new URLSearchParams();
  if (fromInput.value !== '') query.set('from', `${fromInput.value}T00:00:00.000Z`);
  if (toInput.value !== '')
    query.set('to', new Date(Date.parse(`${toInput.value}T00:00:00Z`) + DAY).toISOString());
  return query;
}

async function load(): Promise<void> {
  const query = periodQuery();
  query.set('metric', metricSelect.value);
  query.set('series', 'daily');
  say('Loading…');
  const report = await getData<ReportWithSeries>(`${base}/experiences?${query}`);
  fromInput.value = dateInputValue(report.from);
  toInput.value = dateInputValue(report.to, true);
  const width = Math.min(list.clientWidth || 960, 1200);
  list.replaceChildren(...report.experiences.map((experience) => renderExperience(experience, width)));
  const page = new URL(window.location.href);
  page.searchParams.set('metric', report.metric);
  page.searchParams.set('from', fromInput.value);
  page.searchParams.set('to', toInput.value);
  window.history.replaceState(null, '', page);
  const count = report.experiences.length;
  say(
    count === 0
      ? 'No experiences are configured for this environment.'
      : `${count} experience${count === 1 ? '' : 's'} · ${report.metric} · ${fromInput.value} to ${toInput.value} (UTC)`,
  );
  document.body.dataset.state = 'ready';
}

async function start(): Promise<void> {
  byId('scope').textContent = `${organization} / ${environment}`;
  if (organization === '' || environment === '') {
    say('Open this page with ?organization=<id>&environment=<id>.', true);
    return;
  }
  fromInput.value = params.get('from') ?? '';
  toInput.value = params.get('to') ?? '';
  const { metrics } = await getData<MetricsList>(`${base}/metrics`);
  metricSelect.replaceChildren(
    ...metrics.map((metric) => {
      const option = document.createElement('option');
      option.value = metric.id;
      option.textContent = metric.name === metric.id ? metric.id : `${metric.name} (${metric.id})`;
      return option;
    }),
  );
  if (metrics.length === 0) {
    say('No metric yet: send a track event, or name metrics in the configuration.');
    return;
  }
  const wanted = params.get('metric');
  if (wanted !== null && metrics.some((metric) => metric.id === wanted)) metricSelect.value = wanted;
  await load();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  load().catch((error: unknown) => say(`[ninetailed] ${(error as Error).message}`, true));
});
metricSelect.addEventListener('change', () => form.requestSubmit());

start().catch((error: unknown) => say(`[ninetailed] ${(error as Error).message}`, true));
