/**
 * Several server processes on one PostgreSQL database behave as one server. Real CLI processes
 * (test/childServer.ts) on a real PostgreSQL (the `postgres` vitest project); requests are sent
 * to the processes at the same time, as a load balancer would.
 */
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/store/postgresStore';
import type { Store } from '../src/store/store';
import { type Child, startCli } from './childServer';
import { type Answer, events, onCleanup, request, type TestEvent } from './helpers';
import { postgresUrlFor } from './testDatabase';

const SCOPE = { organization: 'demo', environment: 'main' };
const PATH = '/v2/organizations/demo/environments/main';

let cluster = 0;

/** `count` CLI processes on one fresh PostgreSQL schema, and a store on it for checking rows. */
async function startProcesses(
  count: number,
): Promise<{ children: (Child & { url: string })[]; store: Store }> {
  const url = await postgresUrlFor(`multi-process/${++cluster}/${Date.now()}`);
  const children = await Promise.all(
    Array.from({ length: count }, () => startCli(['--quiet'], { DATABASE_URL: url })),
  );
  const store = await openPostgresStore(url, { poolSize: 2 });
  onCleanup(() => store.close());
  return { children, store };
}

function post(base: string, path: string, body: unknown): Promise<Answer> {
  return request(`${base}${PATH}${path}`, { method: 'POST', body: JSON.stringify(body) });
}

/** An experience's line of the Insights report, as far as these tests read it. */
interface ExperienceLine {
  experienceId: string;
  variants: { viewers: number; conversions: number }[];
}

async function accepted(store: Store, profileId: string): Promise<string[]> {
  const listed = await store.transaction(SCOPE, { commit: false }, (tx) => tx.listEvents(profileId));
  return listed.map((event) => event.messageId).sort();
}

describe('several processes on one PostgreSQL database', () => {
  it('concurrent merges of one alias from different processes end in one profile holding every history', async () => {
    const { children, store } = await startProcesses(2);
    for (let round = 0; round < 3; round++) {
      // Six anonymous visitors, each with its own history, created through either process.
      const visitors = await Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          const history = [events.page(`/r${round}/v${i}`), events.track('seen', { i })];
          const answer = await post(children[i % 2]?.url ?? '', '/profiles', { events: history });
          expect(answer.status).toBe(200);
          return { id: answer.body.data.profile.id as string, history };
        }),
      );
      // All of them sign in as the same user at once, half through each process.
      const alias = `user-${round}`;
      const identifies = visitors.map((_, i) => events.identify(alias, { [`from${i}`]: true }));
      const answers = await Promise.all(
        visitors.map((visitor, i) =>
          post(children[(i + 1) % 2]?.url ?? '', `/profiles/${visitor.id}`, { events: [identifies[i]] }),
        ),
      );
      const survivors = new Set(answers.map((answer) => answer.body.data.profile.id));
      expect(answers.map((answer) => answer.status)).toEqual(visitors.map(() => 200));
      const [survivor] = [...survivors];
      // All answers name one survivor...
      expect(survivors.size).toBe(1);
      // ...which holds every visitor's history and every identify, and every old id redirects to it.
      const expected = [...visitors.flatMap((v) => v.history), ...identifies].map((e) => e.messageId).sort();
      expect(await accepted(store, survivor)).toEqual(expected);
      for (const visitor of visitors) {
        const read = await request(`${children[0]?.url}${PATH}/profiles/${visitor.id}`);
        expect(read.body.data.profile.id).toBe(survivor);
        expect(read.body.data.profile.traits).toEqual(
          Object.fromEntries(visitors.map((_, i) => [`from${i}`, true])),
        );
      }
    }
  });

  it('applies a messageId once when the same request reaches two processes at the same moment', async () => {
    const { children, store } = await startProcesses(2);
    for (let round = 0; round < 5; round++) {
      // A create retried on another process while the first attempt is still running.
      const body = { events: [events.page(`/same-${round}`), events.identify('', { round })] };
      const creates = await Promise.all(children.map((child) => post(child.url, '/profiles', body)));
      const ids = new Set(creates.map((answer) => answer.body.data.profile.id));
      expect(ids.size).toBe(1);
      const [id] = [...ids];
      expect(await accepted(store, id)).toEqual(body.events.map((e) => e.messageId).sort());

      // An update sent to both processes at once: applied once (its second copy is a duplicate).
      const update = { events: [events.page(`/news/${round}`, { category: 'news' })] };
      const updates = await Promise.all(children.map((child) => post(child.url, `/profiles/${id}`, update)));
      expect(updates.map((answer) => answer.status)).toEqual([200, 200]);
      expect(await accepted(store, id)).toHaveLength(3);
    }
    const log = await store.listLog(SCOPE, { includeDuplicates: true });
    expect(log.filter((entry) => entry.duplicate)).toHaveLength(5 * 3);
    expect(log.filter((entry) => !entry.duplicate)).toHaveLength(5 * 3);
  });

  it('keeps traits, sessions and audiences exact under concurrent writes to one profile from both processes', async () => {
    const { children, store } = await startProcesses(2);
    const created = await post(children[0]?.url ?? '', '/profiles', { events: [events.page('/')] });
    const id = created.body.data.profile.id as string;
    // Six news pages at once, alternating processes: they apply one after another, so exactly
    // the answers that saw the 3rd to 6th news page have the "3+ news posts" audience.
    const pages: TestEvent[] = Array.from({ length: 6 }, (_, i) =>
      events.page(`/news/${i}`, { category: 'news' }),
    );
    const answers = await Promise.all(
      pages.map((page, i) => post(children[i % 2]?.url ?? '', `/profiles/${id}`, { events: [page] })),
    );
    const inAudience = answers.filter((answer) =>
      answer.body.data.profile.audiences.includes('news-readers'),
    );
    expect(inAudience).toHaveLength(4);
    // Twenty trait updates at once: none is lost (each request reads the traits the previous wrote).
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(children[i % 2]?.url ?? '', `/profiles/${id}`, {
          events: [events.identify('', { [`k${i}`]: i })],
        }),
      ),
    );
    const read = await request(`${children[1]?.url}${PATH}/profiles/${id}`);
    expect(read.body.data.profile.traits).toEqual(
      Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])),
    );
    expect(read.body.data.profile.session.count).toBe(1);
    expect(read.body.data.profile.audiences).toContain('news-readers');
    expect(await accepted(store, id)).toHaveLength(1 + 6 + 20);
  });

  it('keeps sticky experiences and Insights counters exact when both processes write at once', async () => {
    const { children, store } = await startProcesses(2);
    const [a, b] = children as [Child & { url: string }, Child & { url: string }];
    const cta = (answer: Answer) =>
      (answer.body.data.experiences as { experienceId: string; variantIndex: number }[]).find(
        (experience) => experience.experienceId === 'cta-test',
      )?.variantIndex;
    const seen = (variantIndex: number) =>
      events.component({
        componentId: variantIndex === 0 ? 'cta-default' : 'cta-bold',
        experienceId: 'cta-test',
        variantIndex,
      });
    const profiles = await Promise.all(
      Array.from({ length: 6 }, async (_, n) => {
        const created = await post(children[n % 2]?.url ?? '', '/profiles', { events: [events.page('/')] });
        const computed = cta(created) as number;
        // The sticky experiment keeps the first variant seen (by arrival, then storage order):
        // each process records a different one at the same moment.
        const id = created.body.data.profile.id as string;
        const [first, second] = [seen(1 - computed), seen(computed)];
        await Promise.all([
          post(a.url, `/profiles/${id}`, { events: [first] }),
          post(b.url, `/profiles/${id}`, { events: [second] }),
        ]);
        const stored = await store.transaction(SCOPE, { commit: false }, (tx) => tx.listEvents(id));
        const kept = stored.find((event) => event.event.type === 'component')?.event.variantIndex;
        // Both processes answer the variant the database holds first, now and after a later view.
        const reads = await Promise.all(
          children.map((child) => request(`${child.url}${PATH}/profiles/${id}`)),
        );
        expect(reads.map(cta)).toEqual([kept, kept]);
        const later = await post(children[(n + 1) % 2]?.url ?? '', `/profiles/${id}`, {
          events: [seen(1 - (kept as number))],
        });
        expect(cta(later)).toBe(kept);
        return { n, profile: created.body.data.profile as { id: string }, variant: kept as number };
      }),
    );

    // Insights: one view whose duration grows, its two updates reaching different processes at
    // once, and one view whose request reaches both processes at once (the same messageId).
    const ingest = (base: string, body: unknown) =>
      request(`${base}/v1/organizations/demo/environments/main/events`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
    await Promise.all(
      profiles.map(async ({ profile, variant }) => {
        const view = (viewId: string, viewDurationMs: number) => ({
          ...seen(variant),
          viewId,
          viewDurationMs,
        });
        const growing = [view(`grow-${profile.id}`, 0), view(`grow-${profile.id}`, 2500)];
        const twice = { profile, events: [view(`twice-${profile.id}`, 100)] };
        const answers = await Promise.all([
          ingest(a.url, [{ profile, events: [growing[0]] }]),
          ingest(b.url, [{ profile, events: [growing[1]] }]),
          ingest(a.url, [twice]),
          ingest(b.url, [twice]),
        ]);
        expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
        const [, , x, y] = answers;
        expect([x?.body.data, y?.body.data]).toContainEqual({ accepted: 1, duplicates: 0 });
        expect([x?.body.data, y?.body.data]).toContainEqual({ accepted: 0, duplicates: 1 });
      }),
    );
    // Half of them sign up, through either process.
    const converted = profiles.filter(({ n }) => n % 2 === 0);
    await Promise.all(
      converted.map(({ n, profile }) =>
        post(children[n % 4 < 2 ? 1 : 0]?.url ?? '', `/profiles/${profile.id}`, {
          events: [events.track('signup')],
        }),
      ),
    );

    // Each profile's view counter: two views (not four requests), the longest duration kept.
    const rows = await store.statements({ commit: false }, (execute) =>
      execute({
        sql: "SELECT profile_id, variant_index, views, max_view_ms FROM insight_views WHERE experience_id = 'cta-test' ORDER BY profile_id",
        parameters: [],
      }),
    );
    expect(rows).toEqual(
      profiles
        .map(({ profile, variant }) => ({
          profile_id: profile.id,
          variant_index: variant,
          views: 2,
          max_view_ms: 2500,
        }))
        .sort((x, y) => x.profile_id.localeCompare(y.profile_id)),
    );
    const day = 86_400_000;
    const period = `from=${new Date(Date.now() - day).toISOString()}&to=${new Date(Date.now() + day).toISOString()}`;
    const reports = await Promise.all(
      children.map((child) => request(`${child.url}${PATH}/insights/experiences?metric=signup&${period}`)),
    );
    const [first, second] = reports as [Answer, Answer];
    expect(first.body.data).toEqual(second.body.data);
    const report = (first.body.data.experiences as ExperienceLine[]).find(
      (experience) => experience.experienceId === 'cta-test',
    );
    const count = (list: typeof profiles, index: number) =>
      list.filter(({ variant }) => variant === index).length;
    expect(report?.variants.map(({ viewers, conversions }) => [viewers, conversions])).toEqual([
      [count(profiles, 0), count(converted, 0)],
      [count(profiles, 1), count(converted, 1)],
    ]);
  });

  it('loses no acknowledged event when a process is killed with SIGKILL under load', async () => {
    const { children, store } = await startProcesses(2);
    const [victim, survivor] = children as [Child & { url: string }, Child & { url: string }];
    const acknowledged: { id: string; messageIds: string[] }[] = [];
    let stop = false;
    // Eight visitors keep writing through both processes until the victim is killed and after.
    const visitor = async (n: number) => {
      let id: string | undefined;
      for (let i = 0; !stop; i++) {
        const target = (n + i) % 2 === 0 ? victim : survivor;
        const batch = [events.page(`/v${n}/${i}`), events.track('step', { i })];
        let answer: Answer;
        try {
          answer = await post(target.url, id ? `/profiles/${id}` : '/profiles', { events: batch });
        } catch {
          continue; // the victim is gone: that request was never acknowledged
        }
        if (answer.status !== 200) continue;
        id = answer.body.data.profile.id as string;
        acknowledged.push({ id, messageIds: batch.map((e) => e.messageId) });
      }
    };
    const load = Array.from({ length: 8 }, (_, n) => visitor(n));
    while (acknowledged.length < 60) await new Promise((resolve) => setImmediate(resolve));
    victim.process.kill('SIGKILL');
    expect(await victim.exited).toBeNull();
    const atKill = acknowledged.length;
    while (acknowledged.length < atKill + 20) await new Promise((resolve) => setImmediate(resolve));
    stop = true;
    await Promise.all(load);

    const byProfile = new Map<string, Set<string>>();
    for (const { id, messageIds } of acknowledged) {
      const set = byProfile.get(id) ?? new Set();
      for (const messageId of messageIds) set.add(messageId);
      byProfile.set(id, set);
    }
    for (const [id, messageIds] of byProfile) {
      const stored = new Set(await accepted(store, id));
      for (const messageId of messageIds) expect(stored.has(messageId)).toBe(true);
    }
  });
});
