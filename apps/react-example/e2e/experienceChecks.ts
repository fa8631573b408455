// Shared by the e2e suites of the three example apps (react, next, gatsby): what their
// experience tests need from the demo configuration and the browser, in one place.
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_CONFIG_FILE,
  type EnvironmentConfig,
  type LogEntry,
  loadConfig,
  type RunningServer,
} from '@ninetailed/experience-api';
import type { BrowserContext, Page } from '@playwright/test';

/** The experiences of the demo configuration (org `demo`, env `main`): what the apps render. */
export const demoExperiences: DemoExperience[] =
  loadConfig(DEFAULT_CONFIG_FILE).organizations.demo?.environments.main?.experiences ?? [];

type DemoExperience = NonNullable<EnvironmentConfig['experiences']>[number];

/** An experience of the demo configuration, with the entry ids and variable values by index. */
export interface DemoExperienceInfo {
  experience: DemoExperience;
  /** Entry id shown at each variant index (0: the baseline). */
  entryIds: string[];
  /** The inline variable's value at each variant index, if the experience has one. */
  variableValues: unknown[];
  variableKey: string | undefined;
}

/** The experience `id` of the demo configuration, with its first entry replacement and variable. */
export function demoExperience(id: string): DemoExperienceInfo {
  const experience = demoExperiences.find((e) => e.id === id);
  if (!experience) throw new Error(`config/demo.json has no experience "${id}"`);
  const replacement = experience.components.find((c) => c.type === 'EntryReplacement');
  const variable = experience.components.find((c) => c.type === 'InlineVariable');
  if (replacement?.type !== 'EntryReplacement') throw new Error(`"${id}" has no EntryReplacement`);
  return {
    experience,
    entryIds: [replacement.baseline.id, ...replacement.variants.map((v) => v.id)],
    variableValues:
      variable?.type === 'InlineVariable'
        ? [variable.baseline.value, ...variable.variants.map((v) => v.value)]
        : [],
    variableKey: variable?.type === 'InlineVariable' ? variable.key : undefined,
  };
}

/** What the Experience API answers for a profile (section 4): its selected experiences and changes. */
export interface ProfileAnswer {
  profile: { id: string; audiences: string[] };
  experiences: Array<{ experienceId: string; variantIndex: number; variants: Record<string, string> }>;
  changes: Array<{ key: string; value: unknown; meta: { experienceId: string; variantIndex: number } }>;
}

const profilesUrl = (api: RunningServer) => `${api.url}/v2/organizations/demo/environments/main/profiles`;

/** GET the profile from the API: the experiences it selected for the visitor, and the changes. */
export async function readProfile(api: RunningServer, id: string): Promise<ProfileAnswer> {
  const response = await fetch(`${profilesUrl(api)}/${id}`);
  if (!response.ok) throw new Error(`GET profile ${id}: ${response.status}`);
  return ((await response.json()) as { data: ProfileAnswer }).data;
}

/** The variant index the API selected for `experienceId` (undefined: the visitor is in none). */
export const selectedIndex = (answer: ProfileAnswer, experienceId: string): number | undefined =>
  answer.experiences.find((e) => e.experienceId === experienceId)?.variantIndex;

/**
 * Creates profiles on the API (one traits-only `identify` each, which joins no audience) until
 * one is in `experienceId` at `variantIndex`, and returns its id: a visitor known to the API
 * whose browser has no cached profile yet. Each try is a fresh 50/50 draw, so 64 tries fail
 * with probability 2^-64.
 */
export async function profileInVariant(
  api: RunningServer,
  experienceId: string,
  variantIndex: number,
): Promise<string> {
  for (let attempt = 0; attempt < 64; attempt++) {
    const response = await fetch(profilesUrl(api), {
      method: 'POST',
      body: JSON.stringify({
        events: [{ type: 'identify', userId: '', traits: {}, messageId: randomUUID() }],
      }),
    });
    const { data } = (await response.json()) as { data: ProfileAnswer };
    if (selectedIndex(data, experienceId) === variantIndex) return data.profile.id;
  }
  throw new Error(`no profile in ${experienceId} variant ${variantIndex} after 64 tries`);
}

/** Makes the browser use an existing profile (v7's storage key and JSON format). */
export async function useProfileId(target: Page | BrowserContext, id: string): Promise<void> {
  await target.addInitScript((profileId) => {
    localStorage.setItem('__nt_anonymous_id__', JSON.stringify(profileId));
  }, id);
}

/** One observed state of an element marked `data-nt-variant-index`. */
export interface VariantState {
  /** The page load (a full navigation or reload starts a new one). */
  load: string;
  /** The element, numbered per load: a remount (a new render of the page) is a new element. */
  element: number;
  experienceId: string | null;
  variantIndex: string | null;
  componentId: string | null;
  visible: boolean;
  /** What a visitor sees: the text, and the tag, classes and inline style of every element inside. */
  look: string;
}

/**
 * Installs, before any script of the page runs, a MutationObserver on the whole document that
 * records every change of what any element marked `data-nt-variant-index` shows: its
 * attributes, whether it is visible (`visibility`, `display`) and its look (text, classes and
 * inline styles inside).
 * It runs at each microtask checkpoint after DOM changes, so it sees every state that could
 * have been painted (and some that could not: it errs on the side of reporting).
 */
export async function recordVariants(target: Page | BrowserContext): Promise<VariantState[]> {
  const states: VariantState[] = [];
  await target.exposeBinding('__ntRecordVariant', (_source, state: VariantState) => {
    states.push(state);
  });
  await target.addInitScript(() => {
    const record = (window as unknown as { __ntRecordVariant: (s: unknown) => Promise<void> })
      .__ntRecordVariant;
    const load = `${performance.timeOrigin}:${Math.random()}`;
    const numbers = new WeakMap<Element, number>();
    const last = new WeakMap<Element, string>();
    let count = 0;
    // The text, and each element's tag, classes and inline style (where a flag's colour goes).
    // Computed colours would also change when a stylesheet arrives, which is no variant swap.
    const lookOf = (element: Element) =>
      `${[...element.querySelectorAll('*')]
        .map(
          (e) =>
            `<${e.localName} class="${e.getAttribute('class') ?? ''}" style="${e.getAttribute('style') ?? ''}">`,
        )
        .join('')} ${element.textContent ?? ''}`;
    const scan = () => {
      for (const element of document.querySelectorAll('[data-nt-variant-index]')) {
        let number = numbers.get(element);
        if (number === undefined) {
          number = count++;
          numbers.set(element, number);
        }
        const style = getComputedStyle(element);
        const state = {
          load,
          element: number,
          experienceId: element.getAttribute('data-nt-experience-id'),
          variantIndex: element.getAttribute('data-nt-variant-index'),
          componentId: element.getAttribute('data-nt-component-id'),
          visible: style.visibility !== 'hidden' && style.display !== 'none',
          look: lookOf(element).trim(),
        };
        const key = JSON.stringify(state);
        if (last.get(element) === key) continue;
        last.set(element, key);
        record(state).catch(() => {});
      }
    };
    new MutationObserver(scan).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
  return states;
}

/**
 * The visible swaps in `states`: an element that, once it showed one variant visibly, later
 * showed something else visibly (another variant, text, class or inline style). The invisible baseline
 * followed by the selected variant is no swap; neither is a new element after a navigation.
 */
export function visibleSwaps(states: VariantState[]): string[] {
  const shown = new Map<string, VariantState[]>();
  for (const state of states) {
    if (!state.visible) continue;
    const key = `${state.load}#${state.element}`;
    shown.set(key, [...(shown.get(key) ?? []), state]);
  }
  const swaps: string[] = [];
  for (const list of shown.values()) {
    const [first] = list;
    for (const later of list.slice(1)) {
      if (later.look !== first?.look || later.variantIndex !== first.variantIndex) {
        swaps.push(
          `${first?.componentId} (index ${first?.variantIndex}) became ${later.componentId} (index ${later.variantIndex}): "${first?.look}" → "${later.look}"`,
        );
      }
    }
  }
  return swaps;
}

/** The states of the elements that showed `componentId` at some point (for can-fail checks). */
export const statesOf = (states: VariantState[], componentId: string): VariantState[] => {
  const elements = new Set(
    states.filter((s) => s.componentId === componentId).map((s) => `${s.load}#${s.element}`),
  );
  return states.filter((s) => elements.has(`${s.load}#${s.element}`));
};

/** The `component` events the API received (sticky views), as compact tuples. */
export const componentEvents = (events: LogEntry[]) =>
  events
    .filter(({ event }) => event.type === 'component')
    .map(({ profileId, event }) => ({
      profileId,
      componentType: event.componentType,
      componentId: event.componentId,
      experienceId: event.experienceId,
      variantIndex: event.variantIndex,
    }));

/** Every event but the `component` views (which arrive after 2 s in view, timing-dependent). */
export const withoutComponentEvents = (events: LogEntry[]): LogEntry[] =>
  events.filter(({ event }) => event.type !== 'component');
