/**
 * A random UUID v4: `crypto.randomUUID`, else built from `crypto.getRandomValues`
 * (`randomUUID` exists only in secure contexts: https and localhost).
 *
 * @example
 * ```ts
 * import { uuid } from './uuid'; // internal
 * uuid(); // '3b241101-e2bb-4255-8caf-4136c566a962'
 * ```
 */
export function uuid(): string {
  const c = globalThis.crypto;
  if (c.randomUUID) return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(31));
  let i = 0;
  // Each 0 and 1 becomes a random hex digit, each 8 one of 8, 9, a, b (the variant); 4 stays.
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (d) =>
    (+d ^ (bytes[i++]! & (15 >> (+d / 4)))).toString(16),
  );
}
