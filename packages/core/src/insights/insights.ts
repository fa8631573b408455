import { viewSeam } from '../componentView';
import { NinetailedConfigError, NinetailedDeliveryError, NinetailedError, printable } from '../errors';
import { buildEvent, type EventPayload } from '../events';
import type { Ninetailed } from '../Ninetailed';
import { durableOutbox } from '../outbox';
import type { Profile } from '../types';
import { uuid } from '../uuid';
import { byteLength } from '../validate';
import { INSIGHTS_BATCH, INSIGHTS_URL, type InsightsPayload } from './insightsEvent';

/** The Insights queue of one instance (internal): see `insights`. */
export interface Insights {
  /** Queues one event (dropped when consent was refused); 25 queued send them. */
  add(payload: InsightsPayload): void;
  /** Sends what is queued (`keepalive`: the page is being hidden; one request). */
  send(keepalive?: boolean): void;
  /** Page hide: hands the events still queued over to the next page of this visitor. */
  release(): void;
}

const queues = new WeakMap<object, Insights | null>();

/**
 * The Insights queue of `ninetailed`, made on first use (by the view tracking: an app that does
 * not track views does not carry it); `null` when Insights is off (`insights: false`), on the
 * server, for a bad `insightsUrl` (reported to `onError`) or for something that is not an
 * instance.
 *
 * Events wait in a durable outbox of their own (`__nt_insights__/{clientId}/{environment}`,
 * the core's outbox under another key), so a reload or a closed tab loses none; they leave as
 * v7's Insights plugin sends them: `POST {insightsUrl}/v1/organizations/{org}/environments/{env}/events`
 * with `[ { profile, events } ]`, when 25 are queued, on every profile change (with the profile
 * they were seen by), and with a `keepalive` request when the page is hidden. Only with consent
 * and a known profile; a refused consent drops them. The body is `text/plain` JSON (no CORS
 * preflight, as `sendBeacon` sends it). A 4xx answer (but 408 and 429) drops the batch; any
 * other failure keeps it for the next send.
 *
 * @example
 * ```ts
 * insights(ninetailed)?.add({ type: 'component_click', componentType: 'Entry', componentId: 'cta-bold', variantIndex: 1 }); // internal
 * ```
 */
export function insights(ninetailed: Ninetailed): Insights | null {
  if (!queues.has(ninetailed)) queues.set(ninetailed, createQueue(ninetailed));
  return queues.get(ninetailed)!;
}

function createQueue(ninetailed: Ninetailed): Insights | null {
  const seam = viewSeam(ninetailed);
  if (!seam?.[7] || seam[0].insights === false) return null;
  const [o, timers, report, , , storage, consent, env] = seam;
  const base = (o.insightsUrl ?? INSIGHTS_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(base)) {
    report(new NinetailedConfigError('insightsUrl', 'option "insightsUrl" must be an http(s) URL'));
    return null;
  }
  const enc = encodeURIComponent;
  const url = `${base}/v1/organizations/${enc(o.clientId)}/environments/${enc(o.environment)}/events`;
  // Looked up at each request, as for the Experience API.
  const fetch = o.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const outbox = durableOutbox({
    storage,
    namespace: `__nt_insights__/${o.clientId}/${o.environment}`,
    tabId: uuid(),
    now: () => timers.now(),
    onDrop: ({ event }) =>
      report(
        new NinetailedError(
          'ERR_OUTBOX_FULL',
          `insights outbox full: dropped the oldest event (${event.type})`,
        ),
      ),
  });
  let queued = 0;
  let profile: Profile | null = null;
  // A request is out (`busy`), or a keepalive one (`hiding`): one of each at a time.
  let busy = false;
  let hiding = false;

  /** One request; resolves with 0 (accepted), the HTTP status, or -1 (no answer). */
  const post = async (body: string, keepalive?: boolean) => {
    const controller = new AbortController();
    const timer = timers.setTimeout(() => controller.abort(), o.requestTimeout);
    try {
      const { ok, status } = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body,
        signal: controller.signal,
        keepalive,
      });
      if (ok) return 0;
      report(new NinetailedDeliveryError('ERR_HTTP', status, `the Insights API answered ${status}`));
      return status;
    } catch (error) {
      report(new NinetailedDeliveryError('ERR_NETWORK', 0, `insights request failed: ${printable(error)}`));
      return -1;
    } finally {
      timers.clearTimeout(timer);
    }
  };

  const send = async (keepalive?: boolean, by = profile) => {
    if (consent() === false) outbox.clear();
    if ((keepalive ? hiding : busy) || consent() !== true || !by) return;
    if (keepalive) hiding = true;
    else busy = true;
    try {
      // Takes over the events of the last visit and of closed tabs, and stamps this tab's heartbeat.
      outbox.adopt(0, timers.now());
      // While the page is hidden, what the events' own keepalive request (up to 48 KiB, sent
      // first) leaves of the browser's 64 KiB keepalive budget: 12 KiB of events, the rest for
      // the profile and `sentAt`.
      const budget = keepalive ? 12 * 1024 : undefined;
      for (let batch = outbox.next(budget); batch.length; batch = outbox.next(budget)) {
        const sentAt = new Date(timers.now()).toISOString();
        const events = batch.map(({ event }) => ({ ...event, sentAt }));
        const status = await post(JSON.stringify([{ profile: by, events }]), keepalive);
        // A 4xx but timeout and rate limit is final: the batch is dropped. Other failures keep it.
        if (status < 0 || status > 499 || status === 408 || status === 429) break;
        outbox.remove(batch);
        queued = Math.max(0, queued - batch.length);
        // While the page is hidden, one request: the browser caps keepalive bodies in flight.
        if (keepalive) break;
      }
    } finally {
      if (keepalive) hiding = false;
      else busy = false;
    }
  };

  ninetailed.onProfileChange(({ profile: next }) => {
    // What was seen so far goes with the profile that saw it (as v7 does).
    const by = profile ?? next;
    profile = next;
    send(false, by);
  });

  return {
    add(payload) {
      // Refused: nothing is collected, and what was held goes.
      if (consent() === false) return void outbox.clear();
      const event = buildEvent(payload as unknown as EventPayload, env, true, timers.now());
      outbox.add({ event, epoch: 0, bytes: byteLength(JSON.stringify(event)) });
      if (++queued >= INSIGHTS_BATCH) send();
    },
    send,
    release: () => outbox.release(),
  };
}
