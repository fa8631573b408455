import { type NinetailedStorage, readJson, writeJson } from './storage';

/** Where the visitor's consent choice is kept (JSON `true`/`false`), shared by the tabs. */
export const CONSENT_KEY = '__nt_consent__';

/** The visitor's consent; see `createConsent`. */
export interface Consent {
  /** `true`, `false` (refused: nothing is collected), or `undefined` (asked, not answered: events wait). */
  readonly given: boolean | undefined;
  /** Reads the stored choice (at start, and when another tab wrote one). */
  read(): void;
  /** Records the visitor's choice, for later visits and the other tabs. */
  set(given: boolean): void;
}

/**
 * The consent step of the pipeline: the stored choice wins over the option (`required`: not
 * given until `set(true)`). `refused` runs each time the choice reads `false` (the caller drops
 * what is pending).
 *
 * @example
 * ```ts
 * const consent = createConsent(memoryStorage(), true, () => outbox.clear());
 * consent.read();
 * consent.given; // undefined: events wait
 * consent.set(true);
 * ```
 */
export function createConsent(storage: NinetailedStorage, required: boolean, refused: () => void): Consent {
  let given: boolean | undefined;
  const consent: Consent = {
    get given() {
      return given;
    },
    read() {
      const stored = readJson(storage, CONSENT_KEY);
      given = typeof stored === 'boolean' ? stored : !required || undefined;
      if (given === false) refused();
    },
    set(choice) {
      writeJson(storage, CONSENT_KEY, !!choice);
      consent.read();
    },
  };
  return consent;
}
