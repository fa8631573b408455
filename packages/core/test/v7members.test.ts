import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EMPTY_PROFILE_STATE,
  type ExperienceConfiguration,
  type OnSelectVariantCallbackArgs,
  onSelectVariant,
} from '../src/index';
import { selectHook } from '../src/selectHook';
import { errorReply, NOW, okReply, setup } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const hero = { id: 'hero-default', title: 'Welcome' };
const news = { id: 'hero-news', title: 'News' };
const experiences: ExperienceConfiguration<typeof news>[] = [
  {
    id: 'hero-test',
    type: 'nt_experiment',
    trafficAllocation: 1,
    distribution: [
      { index: 0, start: 0, end: 0.5 },
      { index: 1, start: 0.5, end: 1 },
    ],
    components: [{ type: 'EntryReplacement', baseline: { id: hero.id }, variants: [news] }],
  },
];
const selected = [{ experienceId: 'hero-test', variantIndex: 1, variants: { [hero.id]: news.id } }];

describe('v7: onSelectVariant', () => {
  it('calls back with loading, then the variant the API selected; the unsubscribe stops it', async () => {
    const { api, ninetailed } = setup();
    const states: OnSelectVariantCallbackArgs<typeof hero, typeof news>[] = [];
    const off = ninetailed.onSelectVariant({ baseline: hero, experiences }, (state) => states.push(state));
    expect(states).toEqual([
      {
        status: 'loading',
        loading: true,
        hasVariants: true,
        baseline: hero,
        experience: null,
        variant: hero,
        variantIndex: 0,
        audience: null,
        isPersonalized: false,
        profile: null,
        error: null,
      },
    ]);
    api.next(() => okReply('p1', { experiences: selected }));
    await ninetailed.page();
    expect(states).toHaveLength(2);
    expect(states[1]).toMatchObject({
      status: 'success',
      loading: false,
      hasVariants: true,
      experience: experiences[0],
      variant: news,
      variantIndex: 1,
      audience: { id: 'ALL_VISITORS' },
      isPersonalized: true,
      profile: { id: 'p1' },
      error: null,
    });
    off();
    await ninetailed.reset();
    expect(states).toHaveLength(2);
  });

  it('says error when no profile could be had, and keeps a known profile through a failure', async () => {
    const { api, ninetailed } = setup();
    const states: OnSelectVariantCallbackArgs[] = [];
    onSelectVariant(ninetailed, { baseline: hero, experiences: [] }, (state) => states.push(state));
    api.next(() => errorReply(400, 'ERR_INVALID_DATA'));
    await ninetailed.page();
    expect(states.at(-1)).toMatchObject({
      status: 'error',
      loading: false,
      hasVariants: false,
      variant: hero,
      error: expect.objectContaining({ code: 'ERR_INVALID_DATA' }),
    });
    api.ok();
    await ninetailed.page();
    api.next(() => errorReply(400, 'ERR_INVALID_DATA'));
    await ninetailed.page();
    expect(ninetailed.profileState.status).toBe('error');
    expect(states.at(-1)).toMatchObject({
      status: 'success',
      variant: hero,
      profile: { id: 'p1' },
      error: null,
    });
  });

  it('a throwing callback goes to onError', () => {
    const { ninetailed, onError } = setup();
    ninetailed.onSelectVariant({ baseline: hero, experiences }, () => {
      throw new Error('boom');
    });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_SUBSCRIBER' }));
  });

  it('without the function in the bundle, the method says what to import and returns a no-op', () => {
    const saved = selectHook.onSelectVariant;
    selectHook.onSelectVariant = undefined;
    try {
      const { ninetailed, onError } = setup();
      const callback = vi.fn();
      const off = ninetailed.onSelectVariant({ baseline: hero, experiences }, callback);
      expect(callback).not.toHaveBeenCalled();
      expect(off).toBeTypeOf('function');
      off();
      expect(onError).toHaveBeenCalledWith(
        expect.objectContaining({
          code: 'ERR_NOT_LOADED',
          message: expect.stringContaining("import { onSelectVariant } from '@ninetailed/experience.js'"),
        }),
      );
    } finally {
      selectHook.onSelectVariant = saved;
    }
  });
});

describe('v7: deprecated view methods', () => {
  it('trackVariableComponentView counts a Variable view for the plugins and warns once', async () => {
    const views: unknown[] = [];
    const { api, ninetailed, onLog } = setup({
      plugins: [{ name: 'v', onComponentView: (view) => views.push(view) }],
    });
    const seen = {
      variant: { id: 'Variable-cta-color' },
      variantIndex: 1,
      experienceId: 'cta-test',
      variable: 'green',
    };
    await expect(ninetailed.trackVariableComponentView(seen)).resolves.toEqual({ success: true });
    await ninetailed.trackVariableComponentView(seen);
    expect(views).toEqual([
      expect.objectContaining({
        componentId: 'Variable-cta-color',
        componentType: 'Variable',
        experienceId: 'cta-test',
        variantIndex: 1,
      }),
      expect.anything(),
    ]);
    const warnings = onLog.mock.calls.filter((call) =>
      String(call[0]).includes('trackVariableComponentView'),
    );
    expect(warnings).toEqual([
      ['[ninetailed] trackVariableComponentView is deprecated (v7): use trackComponentView', 'warn'],
    ]);
    expect(api.requests).toHaveLength(0);
  });

  it("trackHasSeenComponent finds the variant's experience and index in the API's selection", async () => {
    const views: Array<Record<string, unknown>> = [];
    const { api, ninetailed, onLog } = setup({
      plugins: [{ name: 'v', onComponentView: (view) => void views.push({ ...view }) }],
    });
    api.next(() => okReply('p1', { experiences: selected }));
    await ninetailed.page();
    const audience = { id: 'ALL_VISITORS' };
    await ninetailed.trackHasSeenComponent({ variant: { id: news.id }, audience, isPersonalized: true });
    await ninetailed.trackHasSeenComponent({ variant: { id: 'other' }, audience, isPersonalized: false });
    expect(views).toMatchObject([
      { componentId: news.id, componentType: 'Entry', experienceId: 'hero-test', variantIndex: 1 },
      { componentId: 'other', componentType: 'Entry', experienceId: undefined, variantIndex: 0 },
    ]);
    expect(onLog.mock.calls.filter((call) => String(call[0]).includes('trackHasSeenComponent'))).toHaveLength(
      1,
    );
  });

  it('bad input never throws', async () => {
    const { ninetailed } = setup();
    await expect(ninetailed.trackHasSeenComponent(undefined as never)).resolves.toEqual({ success: true });
    await expect(ninetailed.trackVariableComponentView(null as never)).resolves.toEqual({ success: true });
  });
});

describe('v7: eventBuilder', () => {
  it('is not supported: reading it reports an error naming the replacement', () => {
    const { ninetailed, onError } = setup();
    expect(ninetailed.eventBuilder).toBeUndefined();
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({
        code: 'ERR_NOT_SUPPORTED',
        message: expect.stringMatching(/^\[ninetailed\] eventBuilder is not supported: use batch\(/),
      }),
    );
    // Copying the instance does not read it.
    onError.mockClear();
    void { ...ninetailed };
    expect(onError).not.toHaveBeenCalled();
  });
});

describe('EMPTY_PROFILE_STATE', () => {
  it('is the frozen state a new instance starts from and reset() returns to', async () => {
    expect(Object.isFrozen(EMPTY_PROFILE_STATE)).toBe(true);
    const { api, ninetailed } = setup();
    expect(ninetailed.profileState).toBe(EMPTY_PROFILE_STATE);
    api.ok();
    await ninetailed.page();
    await ninetailed.reset();
    expect(ninetailed.profileState).toBe(EMPTY_PROFILE_STATE);
  });
});
