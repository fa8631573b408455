import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ComponentView,
  type ComponentViewPayload,
  Ninetailed,
  NinetailedConfigError,
  NinetailedInputError,
  type NinetailedPlugin,
  observeElement,
  trackStickyComponentView,
  unobserveElement,
} from '../src/index';
import { NOW, settle, setup, UUID_V4 } from './helpers';

/** A fake IntersectionObserver: records what it watches; `show`/`hide` deliver entries. */
class FakeObserver {
  static all: FakeObserver[] = [];
  watched = new Set<object>();
  constructor(readonly callback: (entries: Array<{ target: object; isIntersecting: boolean }>) => void) {
    FakeObserver.all.push(this);
  }
  observe(target: object) {
    this.watched.add(target);
  }
  unobserve(target: object) {
    this.watched.delete(target);
  }
  disconnect() {
    this.watched.clear();
  }
}
const deliver = (target: object, isIntersecting: boolean) => {
  for (const observer of FakeObserver.all) {
    if (observer.watched.has(target)) observer.callback([{ target, isIntersecting }]);
  }
};
const show = (target: object) => deliver(target, true);
const hide = (target: object) => deliver(target, false);

const element = () => ({}) as Element;
const cta: ComponentViewPayload = {
  experienceId: 'cta-test',
  variantIndex: 1,
  componentId: 'cta-bold',
  componentType: 'Entry',
  sticky: true,
};
const hero: ComponentViewPayload = {
  experienceId: 'news-hero',
  variantIndex: 1,
  componentId: 'hero-news',
  componentType: 'Entry',
};

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  FakeObserver.all = [];
  vi.stubGlobal('IntersectionObserver', FakeObserver);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** An instance whose plugin records the views (Insights off: test/insights covers it). */
function tracked(options: Parameters<typeof setup>[0] = {}) {
  const views: ComponentView[] = [];
  const plugin: NinetailedPlugin = { name: 'views', onComponentView: (view) => void views.push(view) };
  return { ...setup({ plugins: [plugin], insights: false, ...options }), views };
}

describe('observeElement: view counting', () => {
  it('counts a view once the element was visible for the threshold (default 2000 ms), with the payload', () => {
    const { ninetailed, views } = tracked();
    const el = element();
    observeElement(ninetailed, el, hero);
    show(el);
    vi.advanceTimersByTime(1999);
    expect(views).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(views).toEqual([{ ...hero, viewId: expect.stringMatching(UUID_V4), viewDurationMs: 2000 }]);
  });

  it('an element that leaves before the threshold is no view; a later full stay is one', () => {
    const { ninetailed, views } = tracked({ componentViewTrackingThreshold: 500 });
    const el = element();
    observeElement(ninetailed, el, hero);
    show(el);
    vi.advanceTimersByTime(499);
    hide(el);
    vi.advanceTimersByTime(10_000);
    expect(views).toEqual([]);
    show(el);
    vi.advanceTimersByTime(500);
    expect(views.map((v) => v.viewDurationMs)).toEqual([500]);
  });

  it('counts once per element and variant: not again when seen again or observed again; again for another variant', () => {
    const { ninetailed, views } = tracked();
    const el = element();
    observeElement(ninetailed, el, hero);
    show(el);
    vi.advanceTimersByTime(2000);
    hide(el);
    show(el);
    vi.advanceTimersByTime(5000);
    // A re-render observes the same element with the same variant.
    observeElement(ninetailed, el, { ...hero });
    show(el);
    vi.advanceTimersByTime(5000);
    expect(views).toHaveLength(1);
    // The element now shows another variant.
    observeElement(ninetailed, el, { ...hero, variantIndex: 0, componentId: 'hero-default' });
    show(el);
    vi.advanceTimersByTime(2000);
    expect(views.map((v) => [v.variantIndex, v.componentId])).toEqual([
      [1, 'hero-news'],
      [0, 'hero-default'],
    ]);
  });

  it('shares one IntersectionObserver per instance', () => {
    const first = tracked();
    const second = tracked();
    const [a, b, c] = [element(), element(), element()];
    observeElement(first.ninetailed, a, hero);
    observeElement(first.ninetailed, b, { ...hero, componentId: 'other' });
    observeElement(second.ninetailed, c, hero);
    expect(FakeObserver.all).toHaveLength(2);
    expect([...FakeObserver.all[0]!.watched]).toEqual([a, b]);
    expect([...FakeObserver.all[1]!.watched]).toEqual([c]);
  });

  it('unobserve (the returned function or unobserveElement) stops watching and cancels a pending count', () => {
    const { ninetailed, views } = tracked();
    const [a, b] = [element(), element()];
    const stopA = observeElement(ninetailed, a, hero);
    observeElement(ninetailed, b, hero);
    show(a);
    show(b);
    vi.advanceTimersByTime(1000);
    stopA();
    unobserveElement(ninetailed, b);
    vi.advanceTimersByTime(5000);
    expect(views).toEqual([]);
    expect(FakeObserver.all[0]!.watched.size).toBe(0);
    // Harmless for elements not watched.
    unobserveElement(ninetailed, element());
  });

  it('a stale stop function leaves a newer observation of the element alone', () => {
    const { ninetailed, views } = tracked();
    const el = element();
    const stale = observeElement(ninetailed, el, hero);
    observeElement(ninetailed, el, { ...hero, variantIndex: 0, componentId: 'hero-default' });
    stale();
    show(el);
    vi.advanceTimersByTime(2000);
    expect(views.map((v) => v.componentId)).toEqual(['hero-default']);
  });

  it('isolates a plugin whose onComponentView throws', () => {
    const views: ComponentView[] = [];
    const { ninetailed, onError } = setup({
      plugins: [
        {
          name: 'broken',
          onComponentView: () => {
            throw new Error('kaput');
          },
        },
        { name: 'ok', onComponentView: (view) => void views.push(view) },
      ],
    });
    const el = element();
    observeElement(ninetailed, el, hero);
    show(el);
    vi.advanceTimersByTime(2000);
    expect(views).toHaveLength(1);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_PLUGIN' }));
  });
});

describe('sticky views reach the Experience API', () => {
  it('a counted view of a sticky experience sends exactly one component event with the section 3 fields', async () => {
    const { api, ninetailed } = tracked();
    api.ok('p1');
    const el = element();
    observeElement(ninetailed, el, cta);
    show(el);
    vi.advanceTimersByTime(2000);
    hide(el);
    show(el);
    vi.advanceTimersByTime(2000);
    await ninetailed.flush();
    expect(api.requests).toHaveLength(1);
    const events = api.events();
    expect(events).toEqual([
      {
        type: 'component',
        componentType: 'Entry',
        componentId: 'cta-bold',
        experienceId: 'cta-test',
        variantIndex: 1,
        channel: 'web',
        messageId: expect.stringMatching(UUID_V4),
        originalTimestamp: new Date(NOW + 2000).toISOString(),
        timestamp: new Date(NOW + 2000).toISOString(),
        sentAt: expect.any(String),
        context: expect.objectContaining({ gdpr: { isConsentGiven: true } }),
      },
    ]);
  });

  it('non-sticky views go to plugins only: nothing is sent (the fetch double fails on any request)', async () => {
    const { ninetailed, views } = tracked();
    const el = element();
    observeElement(ninetailed, el, hero);
    show(el);
    vi.advanceTimersByTime(2000);
    await ninetailed.flush();
    await settle();
    expect(views).toHaveLength(1);
  });

  it('waits in the durable outbox without consent, and leaves once it is given', async () => {
    const { api, ninetailed, storage } = tracked({ consent: 'required' });
    const el = element();
    observeElement(ninetailed, el, cta);
    show(el);
    vi.advanceTimersByTime(2000);
    await ninetailed.flush();
    // Kept in storage (the durable outbox), not sent.
    const ns = '__nt_outbox__/demo/main';
    const tabs = Object.keys(JSON.parse(storage.getItem(ns) ?? '{}'));
    const kept = tabs.flatMap((tab) => JSON.parse(storage.getItem(`${ns}/${tab}`) ?? '[]'));
    expect(kept.map((entry: { event: { type: string } }) => entry.event.type)).toEqual(['component']);
    expect(api.requests).toHaveLength(0);
    api.ok('p1');
    ninetailed.consent(true);
    await ninetailed.flush();
    expect(api.events().map((e) => [e.type, e.experienceId])).toEqual([['component', 'cta-test']]);
  });
});

describe('trackStickyComponentView', () => {
  it('sends the component event through the plugins and the pipeline', async () => {
    const seen: string[] = [];
    const { api, ninetailed } = setup({
      plugins: [{ name: 'spy', onEvent: (event) => void seen.push(event.type) }],
    });
    api.ok('p1');
    await trackStickyComponentView(ninetailed, {
      componentType: 'Variable',
      componentId: 'Variable-cta-color',
      experienceId: 'cta-test',
      variantIndex: 0,
    });
    expect(seen).toEqual(['component']);
    expect(api.events()[0]).toMatchObject({ type: 'component', componentType: 'Variable', variantIndex: 0 });
  });

  it('rejects bad input with a NinetailedInputError naming the field, never throws, sends nothing', async () => {
    const { ninetailed, onError } = setup();
    const good = { componentType: 'Entry', componentId: 'c', experienceId: 'e', variantIndex: 1 } as const;
    const cases: Array<[unknown, string]> = [
      [undefined, 'componentType'],
      [{ ...good, componentType: 'Thing' }, 'componentType'],
      [{ ...good, componentId: '' }, 'componentId'],
      [{ ...good, experienceId: undefined }, 'experienceId'],
      [{ ...good, variantIndex: -1 }, 'variantIndex'],
      [{ ...good, variantIndex: 1.5 }, 'variantIndex'],
    ];
    for (const [view, field] of cases) {
      const error = await trackStickyComponentView(ninetailed, view as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NinetailedInputError);
      expect((error as NinetailedInputError).argument).toBe(field);
    }
    expect(onError).toHaveBeenCalledTimes(cases.length);
    await ninetailed.flush();
  });

  it('rejects something that is not an instance with a NinetailedInputError naming it, never throws', async () => {
    for (const notAnInstance of [{}, null, undefined]) {
      const error = await trackStickyComponentView(notAnInstance as never, cta as never).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(NinetailedInputError);
      expect((error as NinetailedInputError).argument).toBe('ninetailed');
    }
  });
});

describe('robustness', () => {
  it('without IntersectionObserver (server rendering, old browsers) it does nothing and never throws', () => {
    vi.unstubAllGlobals();
    expect(globalThis.IntersectionObserver).toBeUndefined();
    const { ninetailed, onError } = tracked();
    const stop = observeElement(ninetailed, element(), cta);
    stop();
    unobserveElement(ninetailed, element());
    expect(onError).not.toHaveBeenCalled();
  });

  it('bad arguments go to onError naming the field; nothing is watched', () => {
    const { ninetailed, onError } = tracked();
    const cases: Array<[unknown, unknown, string]> = [
      [null, hero, 'element'],
      [element(), { ...hero, componentId: '' }, 'componentId'],
      [element(), { ...hero, componentType: 'Block' }, 'componentType'],
      [element(), { ...hero, variantIndex: '1' }, 'variantIndex'],
      [element(), { ...hero, experienceId: '' }, 'experienceId'],
      [element(), undefined, 'componentType'],
    ];
    for (const [el, payload, field] of cases) {
      expect(() =>
        observeElement(ninetailed, el as Element, payload as ComponentViewPayload)(),
      ).not.toThrow();
      expect(onError).toHaveBeenLastCalledWith(expect.objectContaining({ argument: field }));
    }
    expect(FakeObserver.all[0]!.watched.size).toBe(0);
    // A baseline outside any experience (no experienceId) is a valid view.
    expect(() => observeElement(ninetailed, element(), { ...hero, experienceId: undefined })).not.toThrow();
    expect(onError).toHaveBeenCalledTimes(cases.length);
    // Not an instance: nothing happens.
    expect(() => observeElement({} as Ninetailed, element(), hero)()).not.toThrow();
    expect(() => observeElement(null as never, element(), hero)()).not.toThrow();
  });

  it('validates componentViewTrackingThreshold', () => {
    for (const bad of [-1, Number.NaN, 2 ** 31]) {
      expect(() => new Ninetailed({ clientId: 'demo', componentViewTrackingThreshold: bad })).toThrow(
        NinetailedConfigError,
      );
    }
    expect(() => new Ninetailed({ clientId: 'demo', componentViewTrackingThreshold: 0 })).not.toThrow();
  });
});
