import { describe, expect, it, vi } from 'vitest';
import { createPageTracker, type RouteLocation } from '../src/createPageTracker';
import { fakePageEnvironment, settle } from './fakePageEnvironment';

const at = (pathname: string, key: string, search = ''): RouteLocation => ({
  pathname,
  search,
  hash: '',
  href: `http://localhost${pathname}${search}`,
  key,
});

function setup() {
  const fake = fakePageEnvironment();
  const sent: Array<Record<string, unknown>> = [];
  const tracker = createPageTracker({
    send: (properties) => sent.push(properties),
    environment: fake.environment,
  });
  return { fake, sent, tracker };
}

describe('createPageTracker', () => {
  it('sends the first load once, after two frames and a task, with properties read then', () => {
    const { fake, sent, tracker } = setup();
    let title = 'old';
    expect(tracker.routeUpdated(at('/', 'initial'), () => ({ title }))).toBe(true);
    expect(sent).toEqual([]);
    fake.frame();
    fake.frame();
    expect(sent).toEqual([]);
    title = 'new';
    fake.tick(0);
    expect(sent).toEqual([{ title: 'new' }]);
    expect(fake.headObservers).toBe(0);
    expect(fake.pendingTimers).toBe(0);
  });

  it('ignores a second report of the same route update (same entry, same URL)', () => {
    const { fake, sent, tracker } = setup();
    expect(tracker.routeUpdated(at('/', 'initial'), () => ({}))).toBe(true);
    expect(tracker.routeUpdated(at('/', 'initial'), () => ({}))).toBe(false);
    settle(fake);
    expect(tracker.routeUpdated(at('/', 'initial'), () => ({}))).toBe(false);
    settle(fake);
    fake.tick(5000);
    expect(sent).toHaveLength(1);
  });

  it('sends one event per navigation, in order', () => {
    const { fake, sent, tracker } = setup();
    tracker.routeUpdated(at('/', 'initial'), () => ({ n: 1 }));
    settle(fake);
    tracker.routeUpdated(at('/blog/a/', 'k1'), () => ({ n: 2 }));
    settle(fake);
    tracker.routeUpdated(at('/blog/b/', 'k2'), () => ({ n: 3 }));
    settle(fake);
    // back to the first entry: a new route update, so it counts again
    tracker.routeUpdated(at('/', 'initial'), () => ({ n: 4 }));
    settle(fake);
    expect(sent).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
  });

  it('counts a navigation to the same URL as a new entry (Gatsby reports it as a route update)', () => {
    const { fake, sent, tracker } = setup();
    tracker.routeUpdated(at('/shop/', 'k1'), () => ({}));
    settle(fake);
    tracker.routeUpdated(at('/shop/', 'k2'), () => ({}));
    settle(fake);
    expect(sent).toHaveLength(2);
  });

  it('counts a query change on the same entry key as a new route', () => {
    const { fake, sent, tracker } = setup();
    tracker.routeUpdated(at('/shop/', 'k1'), () => ({}));
    settle(fake);
    tracker.routeUpdated(at('/shop/', 'k1', '?page=2'), () => ({}));
    settle(fake);
    expect(sent).toHaveLength(2);
  });

  it('waits again when <head> changes meanwhile (a late Head render), so the new title is in', () => {
    const { fake, sent, tracker } = setup();
    let title = 'previous page';
    tracker.routeUpdated(at('/blog/a/', 'k1'), () => ({ title }));
    fake.frame();
    fake.frame();
    // Gatsby's Head effect removes the old head elements, then renders the new ones
    fake.headChanged();
    fake.tick(0);
    expect(sent).toEqual([]);
    title = 'Post A';
    fake.headChanged();
    fake.frame();
    fake.frame();
    fake.tick(0);
    expect(sent).toEqual([{ title: 'Post A' }]);
  });

  it('sends after maxWaitMs when no frame comes (a hidden tab)', () => {
    const fake = fakePageEnvironment();
    const send = vi.fn();
    const tracker = createPageTracker({ send, environment: fake.environment, maxWaitMs: 1000 });
    tracker.routeUpdated(at('/', 'initial'), () => ({}));
    fake.tick(999);
    expect(send).not.toHaveBeenCalled();
    fake.tick(1);
    expect(send).toHaveBeenCalledTimes(1);
    settle(fake);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('sends a waiting event at once, with its own URL, when the next route update comes first', () => {
    const { fake, sent, tracker } = setup();
    tracker.routeUpdated(at('/redirect/', 'k1', '?from=a&x=1&x=2'), () => ({ category: 'news' }));
    fake.frame();
    tracker.routeUpdated(at('/target/', 'k2'), () => ({ category: 'tech' }));
    expect(sent).toEqual([
      {
        url: 'http://localhost/redirect/?from=a&x=1&x=2',
        path: '/redirect/',
        search: '?from=a&x=1&x=2',
        query: { from: 'a', x: '2' },
        category: 'news',
      },
    ]);
    settle(fake);
    settle(fake);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({ category: 'tech' });
  });
});
