import type { Ninetailed, ProfileState } from '@ninetailed/experience.js';

/** A page event as the core would build it: the properties, and what it reads at call time. */
export interface PageCall {
  path: string;
  search: string;
  title: string;
  properties: Record<string, unknown> | undefined;
}

const LOADING: ProfileState = {
  status: 'loading',
  profile: null,
  experiences: null,
  changes: null,
  error: null,
  from: null,
};

/**
 * A test double for the core's `Ninetailed` (the brief's shared contract). `page` records what
 * the real core reads at call time (location and `document.title`) beside the properties.
 */
export class FakeNinetailed {
  readonly clientId = 'fake';
  readonly environment = 'main';
  readonly pages: PageCall[] = [];
  readonly others: string[] = [];
  /** Makes `page` reject (as the core does on a failed delivery). */
  rejectPages = false;

  get profileState(): ProfileState {
    return LOADING;
  }

  page(properties?: Record<string, unknown>): Promise<void> {
    this.pages.push({
      path: window.location.pathname,
      search: window.location.search,
      title: document.title,
      properties,
    });
    return this.rejectPages ? Promise.reject(new Error('[ninetailed] delivery failed')) : Promise.resolve();
  }
  async track(event: string): Promise<void> {
    this.others.push(`track:${event}`);
  }
  async identify(uid: string): Promise<void> {
    this.others.push(`identify:${uid}`);
  }
  async reset(): Promise<void> {}
  async flush(): Promise<void> {}
  debug(): void {}
  consent(): void {}
  onProfileChange(cb: (state: ProfileState) => void): () => void {
    cb(LOADING);
    return () => {};
  }

  /** Where each page event was, as `path+search title`: short and exact to assert on. */
  get seen(): string[] {
    return this.pages.map((p) => `${p.path}${p.search} ${p.title}`);
  }

  get asNinetailed(): Ninetailed {
    return this as unknown as Ninetailed;
  }
}
