// Seeds a running Experience API with Insights data the way browsers make it: each visitor gets
// a profile (POST /v2/…/profiles), its views go to the Insights ingest in v7's format
// (POST /v1/…/events, `[ { profile, events } ]`, text/plain as sendBeacon sends it) and some
// visitors sign up (a `track` event on their profile). Deterministic for a seed.
//
//   node scripts/insights-seed.mjs [url=http://127.0.0.1:3030] [visitors=200] [organization=demo] [environment=main]
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { prng } from './prng.mjs';

const context = (path) => ({
  library: { name: '@ninetailed/experience.js', version: '7.26.0' },
  userAgent: 'insights-seed',
  locale: 'en-US',
  campaign: {},
  page: { url: `http://localhost:4310${path}`, path, search: '', query: {}, referrer: '' },
  gdpr: { isConsentGiven: true },
});

const common = (type, fields) => {
  const now = new Date().toISOString();
  return {
    type,
    channel: 'web',
    messageId: randomUUID(),
    timestamp: now,
    originalTimestamp: now,
    sentAt: now,
    ...fields,
  };
};

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`[ninetailed] POST ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

/**
 * Seeds `visitors` visitors. Each views the experiences the server selects for it (variant from
 * the profile answer; a personalization's holdout sees the baseline), and signs up with a
 * probability that depends on the variant (`rates`, per experience id and variant index).
 * `onVisitor(i)` runs before each visitor (tests move their clock there).
 *
 * @example
 * await seedInsights('http://127.0.0.1:3030', { visitors: 200 });
 */
export async function seedInsights(
  url,
  {
    visitors = 200,
    organization = 'demo',
    environment = 'main',
    seed = 7,
    rates = { 'cta-test': [0.1, 0.16], 'news-hero': [0.08, 0.14] },
    onVisitor = () => {},
  } = {},
) {
  const random = prng(seed);
  const v2 = `${url}/v2/organizations/${organization}/environments/${environment}`;
  const ingest = `${url}/v1/organizations/${organization}/environments/${environment}/events`;
  let views = 0;
  let signups = 0;
  for (let i = 0; i < visitors; i++) {
    await onVisitor(i);
    const reader = random() < 0.5;
    const pages = reader
      ? [1, 2, 3].map((n) =>
          common('page', {
            context: context(`/news/${n}`),
            properties: { category: 'news', path: `/news/${n}` },
          }),
        )
      : [common('page', { context: context('/'), properties: { path: '/' } })];
    const { data } = await post(`${v2}/profiles`, { events: pages });
    const { profile, experiences } = data;
    const shown = new Map(experiences.map((e) => [e.experienceId, e.variantIndex]));
    // The hero is on every page: a news reader outside the personalization sees the baseline.
    if (reader && !shown.has('news-hero')) shown.set('news-hero', 0);
    const events = [...shown].map(([experienceId, variantIndex]) =>
      common('component', {
        context: context('/'),
        componentType: 'Entry',
        componentId: `${experienceId}-${variantIndex}`,
        experienceId,
        variantIndex,
        viewDurationMs: 2000 + Math.floor(random() * 8000),
        viewId: randomUUID(),
      }),
    );
    if (events.length > 0) {
      await post(ingest, [{ profile, events }]);
      views += events.length;
    }
    const converts = [...shown].some(
      ([experienceId, variantIndex]) => random() < (rates[experienceId]?.[variantIndex] ?? 0.1),
    );
    if (converts) {
      await post(`${v2}/profiles/${profile.id}`, {
        events: [common('track', { context: context('/signup'), event: 'signup', properties: {} })],
      });
      signups++;
    }
  }
  return { visitors, views, signups };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [url = 'http://127.0.0.1:3030', visitors = '200', organization = 'demo', environment = 'main'] =
    process.argv.slice(2);
  const outcome = await seedInsights(url, { visitors: Number(visitors), organization, environment });
  console.log(
    `[ninetailed] seeded ${outcome.visitors} visitors, ${outcome.views} views, ${outcome.signups} signups: ${url}/insights?organization=${organization}&environment=${environment}`,
  );
}
