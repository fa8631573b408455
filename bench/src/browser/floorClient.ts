import type { BenchSdk, ProfileStatus, SdkConfig } from './benchSdk';

/**
 * The physical floor: the least a client can do and still send valid events (experience-api.md
 * sections 1 to 3): build each event with its messageId, timestamps and page context, queue
 * it, and send the queue in requests of at most 200 events, one at a time. No retries, no
 * storage, no validation, no plugins: what any SDK must at least spend. Written for this
 * benchmark, not a product.
 *
 * @example
 * ```ts
 * const client = floorClient({ url: 'http://127.0.0.1:3030', requestTimeout: 5000 });
 * client.track('add_to_cart', { sku: '9T41L' });
 * ```
 */
export function floorClient({ url }: SdkConfig): BenchSdk {
  const base = `${url}/v2/organizations/demo/environments/main/profiles`;
  let queue: Record<string, unknown>[] = [];
  let sending = false;
  let id: string | null = null;
  const state = { status: 'loading' as ProfileStatus, profile: null as { id: string } | null };

  async function drain() {
    sending = true;
    while (queue.length > 0) {
      const events = queue.slice(0, 200);
      queue = queue.slice(200);
      const sentAt = new Date().toISOString();
      for (const event of events) event.sentAt = sentAt;
      try {
        const res = await fetch(id ? `${base}/${id}` : base, {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain' },
          body: JSON.stringify({ events, options: {} }),
        });
        const json = await res.json();
        id = json.data.profile.id;
        state.profile = json.data.profile;
        state.status = 'success';
      } catch {
        state.status = 'error';
      }
    }
    sending = false;
  }

  function send(event: Record<string, unknown>): Promise<void> {
    const now = new Date().toISOString();
    queue.push({
      ...event,
      channel: 'web',
      messageId: crypto.randomUUID(),
      originalTimestamp: now,
      timestamp: now,
      context: {
        library: { name: 'floor', version: '0' },
        userAgent: navigator.userAgent,
        locale: navigator.language,
        campaign: {},
        page: {
          url: location.href,
          path: location.pathname,
          search: location.search,
          query: {},
          referrer: document.referrer,
        },
        gdpr: { isConsentGiven: true },
      },
    });
    if (!sending) queueMicrotask(drain);
    sending = true;
    return Promise.resolve();
  }

  return {
    get profileState() {
      return state;
    },
    page: (properties = {}) =>
      send({
        type: 'page',
        properties: { url: location.href, path: location.pathname, title: document.title, ...properties },
      }),
    track: (event, properties = {}) => send({ type: 'track', event, properties }),
    identify: (userId, traits = {}) => send({ type: 'identify', userId, traits }),
  };
}
