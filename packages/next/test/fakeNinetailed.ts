import { FakeNinetailed as ReactFakeNinetailed } from '../../react/test/fakeNinetailed';

/** A page event as the core would build it: the properties, and what it reads at call time. */
export interface PageCall {
  path: string;
  search: string;
  title: string;
  properties: Record<string, unknown> | undefined;
}

/**
 * The React binding's test double of the core (shared contract), whose `page` also records what
 * the real core reads at call time (location and `document.title`) beside the properties.
 */
export class FakeNinetailed extends ReactFakeNinetailed {
  readonly pages: PageCall[] = [];
  /** Makes `page` reject (as the core does when the API refuses the event: a 400). */
  rejectPages = false;

  override page(properties?: Record<string, unknown>): Promise<void> {
    this.pages.push({
      path: window.location.pathname,
      search: window.location.search,
      title: document.title,
      properties,
    });
    void super.page(properties);
    return this.rejectPages ? Promise.reject(new Error('[ninetailed] refused')) : Promise.resolve();
  }

  /** Where each page event was, as `path+search title`: short and exact to assert on. */
  get seen(): string[] {
    return this.pages.map((p) => `${p.path}${p.search} ${p.title}`);
  }
}
